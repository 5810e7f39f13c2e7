import type { RepProfile, StartAlerts } from '#protocol';
import type { Sql } from '../storage/db';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';

/**
 * Sign-in sessions. Tokens are random; only their SHA-256 is stored (tokens.ts). A token works only
 * while its account is enabled and not deleted, and every account change that must end sessions
 * deletes them (people/accounts.ts), so it stops working at once.
 */
const SESSION_DAYS = 30;

export type RepRow = {
  id: string;
  email: string;
  name: string;
  role: RepProfile['role'];
  mode?: RepProfile['role'] | null;
  status: RepProfile['status'];
  password_hash: string | null;
};

export const toProfile = (r: Omit<RepRow, 'password_hash'>): RepProfile => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  mode: r.mode ?? r.role,
  status: r.status,
});

/** The rep as the rules see them: acting in their current mode, never above their role. */
export const acting = (rep: RepProfile): RepProfile => ({ ...rep, role: rep.mode });

/** Accounts that may sign in and whose sessions count. */
export const LIVE_ACCOUNT = 'r.disabled_at is null and r.deleted_at is null';

// Compared against when the email is unknown, so a wrong email costs the same time as a wrong password.
// Made at the first sign-in rather than at import: each hash costs SCRYPT's 128 MiB and a good part of a second.
let dummyHash: Promise<string> | undefined;

type LoginRow = RepRow & { last_sign_in_at: Date | null; start_alerts: StartAlerts | null };

/** `startAlerts`: on an account's first sign-in, the alert settings a super user chose for it (FEATURES H1). */
export async function login(
  db: Sql,
  email: string,
  password: string,
): Promise<{ token: string; rep: RepProfile; startAlerts?: StartAlerts } | null> {
  dummyHash ??= hashPassword('parley-timing-equaliser');
  const [rep] = await db.query<LoginRow>(`select r.* from reps r where r.email = $1 and ${LIVE_ACCOUNT}`, [email]);
  const ok = await verifyPassword(password, rep?.password_hash ?? (await dummyHash));
  if (!rep?.password_hash || !ok) return null;
  // The password is known only now: a hash made at an older, lower cost is replaced (once, if two sign-ins race).
  if (needsRehash(rep.password_hash)) {
    await db.query('update reps set password_hash = $1 where id = $2 and password_hash = $3', [
      await hashPassword(password),
      rep.id,
      rep.password_hash,
    ]);
  }
  const token = newToken();
  await db.query(
    `insert into sessions (token_hash, rep_id, expires_at) values ($1, $2, now() + interval '${SESSION_DAYS} days')`,
    [hashToken(token), rep.id],
  );
  await db.query('update reps set last_sign_in_at = now() where id = $1', [rep.id]);
  const first = rep.last_sign_in_at === null && rep.start_alerts !== null;
  return { token, rep: toProfile(rep), ...(first ? { startAlerts: rep.start_alerts! } : {}) };
}

export async function repForToken(db: Sql, token: string): Promise<RepProfile | null> {
  const [rep] = await db.query<RepRow>(
    `select r.* from sessions s join reps r on r.id = s.rep_id where s.token_hash = $1 and s.expires_at > now() and ${LIVE_ACCOUNT}`,
    [hashToken(token)],
  );
  return rep ? toProfile(rep) : null;
}

export async function logout(db: Sql, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [hashToken(token)]);
}

/** Every session of the rep ends: their tokens stop working on the next request. */
export async function endSessions(db: Sql, repId: string): Promise<void> {
  await db.query('delete from sessions where rep_id = $1', [repId]);
}

/** Expired sessions and used or expired one-time links go (run by the hub's timers). */
export async function purgeExpired(db: Sql): Promise<{ sessions: number; links: number }> {
  const sessions = await db.query('delete from sessions where expires_at <= now() returning rep_id');
  const links = await db.query(
    `delete from account_links where expires_at <= now() or used_at is not null returning rep_id`,
  );
  return { sessions: sessions.length, links: links.length };
}
