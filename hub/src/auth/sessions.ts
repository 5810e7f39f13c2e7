import type { RepProfile } from '#protocol';
import type { Sql } from '../storage/db';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';

/** Tokens are random; only their SHA-256 is stored (tokens.ts). */
const SESSION_DAYS = 30;

export type RepRow = {
  id: string;
  email: string;
  name: string;
  role: RepProfile['role'];
  mode?: RepProfile['role'] | null;
  status: RepProfile['status'];
  password_hash: string;
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

// Compared against when the email is unknown, so a wrong email costs the same time as a wrong password.
// Made at the first sign-in rather than at import: each hash costs SCRYPT's 128 MiB and a good part of a second.
let dummyHash: Promise<string> | undefined;

export async function login(
  db: Sql,
  email: string,
  password: string,
): Promise<{ token: string; rep: RepProfile } | null> {
  dummyHash ??= hashPassword('parley-timing-equaliser');
  const [rep] = await db.query<RepRow>('select * from reps where email = $1', [email]);
  const ok = await verifyPassword(password, rep?.password_hash ?? (await dummyHash));
  if (!rep || !ok) return null;
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
  return { token, rep: toProfile(rep) };
}

export async function repForToken(db: Sql, token: string): Promise<RepProfile | null> {
  const [rep] = await db.query<RepRow>(
    `select r.* from sessions s join reps r on r.id = s.rep_id where s.token_hash = $1 and s.expires_at > now()`,
    [hashToken(token)],
  );
  return rep ? toProfile(rep) : null;
}

export async function logout(db: Sql, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [hashToken(token)]);
}
