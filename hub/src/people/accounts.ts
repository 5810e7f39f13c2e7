import {
  HUB_WIDE_CHAT,
  PEOPLE_LIMITS,
  type AccountChange,
  type Invite,
  type Person,
  type PersonChange,
} from '#protocol';
import { endSessions, toProfile, type RepRow } from '../auth/sessions';
import { appendEvent, writeTx } from '../events/log';
import { HubError } from '../inbox/errors';
import { recordStatus } from '../inbox/rep';
import type { Db, Sql } from '../storage/db';
import { newId } from '../storage/ids';
import { checkQueues, loadRepDefaults } from './defaults';
import { createLink } from './links';
import { loadPerson } from './people-list';
import { releaseConversations } from './release';
import { lockRule } from '../storage/rule-lock';

/**
 * Accounts as super users change them (FEATURES H1). Each change is one transaction under the event
 * log's lock (so two super users demoting each other cannot both pass the last-super-user check),
 * and logs a `rep.account` event: the rep's open sockets, in any hub process, read the account
 * again at once — a role applies to their next command, a disabled account's sockets close.
 */

export const logAccountChange = (tx: Sql, repId: string, change: AccountChange) =>
  appendEvent(tx, { kind: 'rep.account', chatId: HUB_WIDE_CHAT, repId, change }, { audience: [repId] });

type Row = RepRow & { disabled_at: Date | null; deleted_at: Date | null };

async function lockAccount(tx: Sql, id: string): Promise<Row> {
  const [row] = await tx.query<Row>('select * from reps where id = $1 and deleted_at is null for update', [id]);
  if (!row) throw new HubError('not_found', 'no such person');
  return row;
}

/** Super users who can act: enabled, not deleted, with a password set. */
const ACTIVE_SUPER_USERS = `select count(*) as n from reps where role = 'admin' and disabled_at is null and deleted_at is null and password_hash is not null and id <> $1`;

/** Refuses a change that would leave the hub with no super user who can sign in. */
async function keepOneSuperUser(tx: Sql, row: Row, what: string): Promise<void> {
  if (row.role !== 'admin' || row.disabled_at || !row.password_hash) return;
  await lockRule(tx, 'super-users');
  const [{ n }] = await tx.query<{ n: number | string }>(ACTIVE_SUPER_USERS, [row.id]);
  if (Number(n) === 0)
    throw new HubError(
      'conflict',
      `${row.name} is the last super user and cannot be ${what}; make someone else a super user first`,
    );
}

/** Offline now, no offers, their active conversations back to their queues (release.ts). */
async function standDown(tx: Sql, row: Row, now: number) {
  await releaseConversations(tx, row.id, now);
  await recordStatus(tx, toProfile(row), 'offline', now);
}

export async function invite(
  db: Db,
  by: string,
  input: Invite,
): Promise<{ person: Person; token: string; expiresAt: Date }> {
  return writeTx(db, async (tx) => {
    await lockRule(tx, 'people');
    const [{ n }] = await tx.query<{ n: number | string }>('select count(*) as n from reps where deleted_at is null');
    if (Number(n) >= PEOPLE_LIMITS.people)
      throw new HubError('too_large', `a hub has at most ${PEOPLE_LIMITS.people} people`, PEOPLE_LIMITS.people);
    const [taken] = await tx.query('select 1 from reps where email = $1 and deleted_at is null', [input.email]);
    if (taken) throw new HubError('conflict', `${input.email} already has an account`);
    const defaults = await loadRepDefaults(tx);
    const queueIds = input.queueIds ?? defaults.queueIds;
    await checkQueues(tx, queueIds);
    const id = newId('r');
    await tx.query(
      `insert into reps (id, email, name, role, extension, password_hash, sign_in_status, start_alerts) values ($1, $2, $3, $4, $5, null, $6, $7)`,
      [
        id,
        input.email,
        input.name,
        input.role,
        input.extension,
        defaults.availability,
        JSON.stringify({ sounds: defaults.sounds, notifications: defaults.notifications }),
      ],
    );
    for (const [i, queueId] of queueIds.entries()) {
      await tx.query(
        `insert into queue_members (queue_id, rep_id, position) values ($1, $2, (select coalesce(max(position), 0) + 1 + $3 from queue_members where queue_id = $1))`,
        [queueId, id, i],
      );
    }
    const link = await createLink(tx, id, 'invite', by);
    return { person: (await loadPerson(tx, id))!, ...link };
  });
}

export async function changePerson(db: Db, id: string, change: PersonChange, now = Date.now()): Promise<Person> {
  return writeTx(db, async (tx) => {
    const row = await lockAccount(tx, id);
    if (change.role !== undefined && change.role !== row.role) {
      if (change.role !== 'admin') await keepOneSuperUser(tx, row, 'demoted');
      // The working mode goes back to the new role: it may not be above it (FEATURES A4).
      await tx.query('update reps set role = $2, mode = null where id = $1', [id, change.role]);
      const [updated] = await tx.query<Row>('select * from reps where id = $1', [id]);
      // Who is offered what and who sees which chat follow the new role, as a change of mode does.
      await recordStatus(tx, toProfile(updated), updated.status, now);
      await logAccountChange(tx, id, 'role');
    }
    if (change.name !== undefined || change.extension !== undefined) {
      await tx.query(
        'update reps set name = coalesce($2, name), extension = case when $3 then $4 else extension end where id = $1',
        [id, change.name ?? null, change.extension !== undefined, change.extension ?? null],
      );
      await logAccountChange(tx, id, 'profile');
    }
    if (change.disabled === true && !row.disabled_at) {
      await keepOneSuperUser(tx, row, 'disabled');
      await tx.query('update reps set disabled_at = now() where id = $1', [id]);
      await endSessions(tx, id);
      await tx.query('delete from account_links where rep_id = $1', [id]);
      await standDown(tx, row, now);
      await logAccountChange(tx, id, 'disabled');
    }
    if (change.disabled === false && row.disabled_at) {
      await tx.query('update reps set disabled_at = null where id = $1', [id]);
      await logAccountChange(tx, id, 'enabled');
    }
    return (await loadPerson(tx, id))!;
  });
}

/** A new one-time link; the old password and every session end now, so only the link's holder gets in. */
export async function resetPassword(db: Db, by: string, id: string): Promise<{ token: string; expiresAt: Date }> {
  return writeTx(db, async (tx) => {
    const row = await lockAccount(tx, id);
    if (row.disabled_at) throw new HubError('conflict', `${row.name}'s account is disabled; enable it first`);
    await tx.query('update reps set password_hash = null where id = $1', [id]);
    await endSessions(tx, id);
    await logAccountChange(tx, id, 'password');
    return createLink(tx, id, row.password_hash ? 'reset' : 'invite', by);
  });
}

export async function signOutEverywhere(db: Db, id: string): Promise<void> {
  await writeTx(db, async (tx) => {
    await lockAccount(tx, id);
    await endSessions(tx, id);
    await logAccountChange(tx, id, 'signedOut');
  });
}

/**
 * The account goes; its row stays, so the conversations it had keep its name, marked former
 * (Conversation.ownerFormer). It can never sign in again, and its address may be invited anew.
 */
export async function deletePerson(db: Db, id: string, now = Date.now()): Promise<void> {
  await writeTx(db, async (tx) => {
    const row = await lockAccount(tx, id);
    await keepOneSuperUser(tx, row, 'deleted');
    const [bot] = await tx.query<{ name: string }>(
      `select ch.name from bot_configs b join chats ch on ch.id = b.chat_id
        where b.config->'customerRoute'->>'repId' = $1 or b.config->'followUp'->'leadAssign'->>'ownerId' = $1 limit 1`,
      [id],
    );
    if (bot)
      throw new HubError(
        'conflict',
        `the routing bot of ${bot.name} hands chats or leads to ${row.name}; change it first`,
      );
    await standDown(tx, row, now);
    await endSessions(tx, id);
    await tx.query('delete from account_links where rep_id = $1', [id]);
    await tx.query('delete from queue_members where rep_id = $1', [id]);
    await tx.query('delete from crm_pool_members where rep_id = $1', [id]);
    await tx.query(
      `update reps set deleted_at = now(), password_hash = null, work_chats = null, status = 'offline' where id = $1`,
      [id],
    );
    await logAccountChange(tx, id, 'deleted');
  });
}
