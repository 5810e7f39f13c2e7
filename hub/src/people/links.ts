import { PEOPLE_LIMITS, type LinkInfo } from '#protocol';
import { LIVE_ACCOUNT } from '../auth/sessions';
import { hashToken, newToken } from '../auth/tokens';
import type { Sql } from '../storage/db';

/**
 * One-time set-password links (FEATURES H1): an invitation, or a reset by a super user. The token is
 * minted like a session's (auth/tokens.ts): only its SHA-256 is stored. A link works once and until it
 * expires; a newer link for the same account replaces the older one.
 */

export type LinkPurpose = LinkInfo['purpose'];

const HOURS: Record<LinkPurpose, number> = { invite: PEOPLE_LIMITS.inviteHours, reset: PEOPLE_LIMITS.resetHours };

/** Where the set-password page lives on the hub; the token goes in the fragment, so no server log records it. */
export const SET_PASSWORD_PATH = '/account/set-password';

/** What a used, replaced or expired link is answered. */
export const LINK_GONE =
  'this link is no longer valid: it was used, replaced or has expired; ask a super user for a new one';

export const linkUrl = (publicUrl: string, token: string) =>
  `${new URL(SET_PASSWORD_PATH, publicUrl).toString()}#${token}`;

export async function createLink(
  tx: Sql,
  repId: string,
  purpose: LinkPurpose,
  createdBy: string | null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  await tx.query('delete from account_links where rep_id = $1', [repId]);
  const [row] = await tx.query<{ expires_at: Date }>(
    `insert into account_links (token_hash, rep_id, purpose, created_by, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(hours => $5)) returning expires_at`,
    [hashToken(token), repId, purpose, createdBy, HOURS[purpose]],
  );
  return { token, expiresAt: row.expires_at };
}

type LinkRow = { rep_id: string; email: string; name: string; purpose: LinkPurpose; expires_at: Date };

/** The link's account while the link may still be used, else null. `lock`: inside the transaction that uses it. */
export async function findLink(db: Sql, token: string, lock = false): Promise<LinkRow | null> {
  const [row] = await db.query<LinkRow>(
    `select l.rep_id, r.email, r.name, l.purpose, l.expires_at from account_links l join reps r on r.id = l.rep_id
      where l.token_hash = $1 and l.used_at is null and l.expires_at > now() and ${LIVE_ACCOUNT}${lock ? ' for update of l' : ''}`,
    [hashToken(token)],
  );
  return row ?? null;
}

export const toLinkInfo = (row: LinkRow): LinkInfo => ({
  email: row.email,
  name: row.name,
  purpose: row.purpose,
  expiresAt: row.expires_at.toISOString(),
});

export async function useLink(tx: Sql, token: string): Promise<void> {
  await tx.query('update account_links set used_at = now() where token_hash = $1', [hashToken(token)]);
}
