import { PersonEmail, PersonName } from '#protocol';
import { hashPassword } from '../auth/passwords';
import { endSessions } from '../auth/sessions';
import { writeTx } from '../events/log';
import { HubError } from '../inbox/errors';
import type { Db } from '../storage/db';
import { newId } from '../storage/ids';
import { logAccountChange } from './accounts';
import { passwordProblem } from './password-rules';
import { lockRule } from '../storage/rule-lock';

/**
 * What the hub's operator does from the command line (hub/src/cli/admin.ts), with access to the
 * database and no account: create the first super user of a hub that has none — nothing else can
 * create a first account — and set a password when every super user is locked out.
 */

const ANY_SUPER_USER = `select email from reps where role = 'admin' and deleted_at is null and disabled_at is null limit 1`;

export async function hasSuperUser(db: Db): Promise<boolean> {
  return (await db.query(ANY_SUPER_USER)).length > 0;
}

export async function createFirstSuperUser(
  db: Db,
  input: { email: string; name: string; password: string },
): Promise<{ id: string }> {
  const email = PersonEmail.safeParse(input.email);
  if (!email.success) throw new HubError('bad_frame', `email: ${email.error.issues[0].message}`);
  const name = PersonName.safeParse(input.name);
  if (!name.success) throw new HubError('bad_frame', `name: ${name.error.issues[0].message}`);
  const problem = passwordProblem(input.password, { email: email.data, name: name.data });
  if (problem) throw new HubError('bad_frame', `password: ${problem}`);
  const hash = await hashPassword(input.password);
  return writeTx(db, async (tx) => {
    await lockRule(tx, 'super-users');
    const [existing] = await tx.query<{ email: string }>(ANY_SUPER_USER);
    if (existing)
      throw new HubError(
        'conflict',
        `this hub already has a super user (${existing.email}); they invite everyone else from the console`,
      );
    const [taken] = await tx.query('select 1 from reps where email = $1 and deleted_at is null', [email.data]);
    if (taken) throw new HubError('conflict', `${email.data} already has an account`);
    const id = newId('r');
    await tx.query(`insert into reps (id, email, name, role, password_hash) values ($1, $2, $3, 'admin', $4)`, [
      id,
      email.data,
      name.data,
      hash,
    ]);
    return { id };
  });
}

/** Recovery: sets the password of an existing, enabled account and ends its sessions. */
export async function setPasswordAsOperator(db: Db, emailInput: string, password: string): Promise<void> {
  const email = PersonEmail.safeParse(emailInput);
  if (!email.success) throw new HubError('bad_frame', `email: ${email.error.issues[0].message}`);
  const [rep] = await db.query<{ id: string; name: string }>(
    'select id, name from reps where email = $1 and deleted_at is null and disabled_at is null',
    [email.data],
  );
  if (!rep) throw new HubError('not_found', `no enabled account has the email ${email.data}`);
  const problem = passwordProblem(password, { email: email.data, name: rep.name });
  if (problem) throw new HubError('bad_frame', `password: ${problem}`);
  const hash = await hashPassword(password);
  await writeTx(db, async (tx) => {
    await tx.query('update reps set password_hash = $2 where id = $1', [rep.id, hash]);
    await tx.query('delete from account_links where rep_id = $1', [rep.id]);
    await endSessions(tx, rep.id);
    await logAccountChange(tx, rep.id, 'password');
  });
}
