import type { AccountState, PeopleResponse, Person } from '#protocol';
import type { Sql } from '../storage/db';
import { loadRepDefaults } from './defaults';

/** The People screen's data (FEATURES H1): every account not deleted, with its state and queues. */

type PersonRow = {
  id: string;
  email: string;
  name: string;
  role: Person['role'];
  extension: string | null;
  status: Person['status'];
  demo: boolean;
  last_sign_in_at: Date | null;
  disabled: boolean;
  invited: boolean;
  queue_ids: string[] | null;
};

const PERSON_SELECT = `select r.id, r.email, r.name, r.role, r.extension, r.status, r.demo, r.last_sign_in_at,
    r.disabled_at is not null as disabled, r.password_hash is null as invited,
    array(select m.queue_id from queue_members m where m.rep_id = r.id order by m.queue_id) as queue_ids
  from reps r where r.deleted_at is null`;

const stateOf = (r: PersonRow): AccountState => (r.disabled ? 'disabled' : r.invited ? 'invited' : 'active');

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  extension: r.extension,
  state: stateOf(r),
  status: r.status,
  demo: r.demo,
  lastSignInAt: r.last_sign_in_at?.toISOString() ?? null,
  queueIds: r.queue_ids ?? [],
});

export async function loadPerson(db: Sql, id: string): Promise<Person | null> {
  const [row] = await db.query<PersonRow>(`${PERSON_SELECT} and r.id = $1`, [id]);
  return row ? toPerson(row) : null;
}

export async function listPeople(db: Sql): Promise<PeopleResponse> {
  const people = (await db.query<PersonRow>(`${PERSON_SELECT} order by r.name, r.id`)).map(toPerson);
  const queues = await db.query<{ id: string; name: string; chat_name: string }>(
    'select q.id, q.name, ch.name as chat_name from queues q join chats ch on ch.id = q.chat_id order by ch.name, q.name, q.id',
  );
  return {
    people,
    defaults: await loadRepDefaults(db),
    queues: queues.map((q) => ({ id: q.id, name: q.name, chatName: q.chat_name })),
  };
}

/** Demo accounts still on the hub: the console warns super users while any exists. */
export async function countDemoAccounts(db: Sql): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(
    'select count(*) as n from reps where demo and deleted_at is null',
  );
  return Number(row.n);
}
