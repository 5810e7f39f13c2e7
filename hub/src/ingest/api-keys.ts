import { createHash, randomBytes } from 'node:crypto';
import {
  API_KEY_LIMITS,
  API_KEY_PREFIX,
  type ApiKeyMade,
  type ApiKeyView,
  type ApiScope,
  type NewApiKey,
} from '#protocol';
import { HubError } from '../inbox/errors';
import type { Sql } from '../storage/db';
import { newId } from '../storage/ids';

/**
 * API keys for the data API (FEATURES E2; issue 20). A key's secret is `pk_` and 32 random bytes
 * (base64url), shown to the super user who makes it, once. The hub keeps only its SHA-256: with 256
 * bits of randomness there is nothing to guess, so a fast hash is as safe as a slow password hash
 * (which exists to make guessing low-entropy passwords expensive) and lets a request find its key by
 * one indexed lookup of the hash — no comparison whose time could leak anything.
 */

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

interface KeyRow {
  id: string;
  name: string;
  scopes: string[];
  hint: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const view = (r: KeyRow): ApiKeyView => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes as ApiScope[],
  hint: r.hint,
  createdAt: iso(r.created_at)!,
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});
const COLUMNS = 'id, name, scopes, hint, created_at, last_used_at, revoked_at';

export async function listKeys(tx: Sql): Promise<ApiKeyView[]> {
  return (await tx.query<KeyRow>(`select ${COLUMNS} from api_keys order by created_at desc, id desc`)).map(view);
}

export async function createKey(tx: Sql, input: NewApiKey, createdBy: string): Promise<ApiKeyMade> {
  const [{ n }] = await tx.query<{ n: number }>('select count(*)::int as n from api_keys');
  if (n >= API_KEY_LIMITS.keys)
    throw new HubError('conflict', `a hub has at most ${API_KEY_LIMITS.keys} API keys: delete a revoked one first`);
  const secret = `${API_KEY_PREFIX}${randomBytes(API_KEY_LIMITS.secretBytes).toString('base64url')}`;
  const scopes = [...new Set(input.scopes)];
  const [row] = await tx.query<KeyRow>(
    `insert into api_keys (id, name, scopes, secret_hash, hint, created_by) values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
    [newId('ak'), input.name, scopes, hashSecret(secret), `${secret.slice(0, API_KEY_PREFIX.length + 4)}…`, createdBy],
  );
  return { key: view(row), secret };
}

/** Revokes at once: the next request with it is 401. Revoking twice is the same as once. */
export async function revokeKey(tx: Sql, id: string): Promise<ApiKeyView> {
  const [row] = await tx.query<KeyRow>(
    `update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 returning ${COLUMNS}`,
    [id],
  );
  if (!row) throw new HubError('not_found', 'no such API key');
  return view(row);
}

/** Deletes a revoked key (and its stored idempotent answers); a live one must be revoked first. */
export async function deleteKey(tx: Sql, id: string): Promise<void> {
  const [row] = await tx.query<{ revoked: boolean }>(
    'select revoked_at is not null as revoked from api_keys where id = $1',
    [id],
  );
  if (!row) throw new HubError('not_found', 'no such API key');
  if (!row.revoked) throw new HubError('conflict', 'revoke the key before deleting it');
  await tx.query('delete from api_keys where id = $1', [id]);
}

export interface ApiCaller {
  keyId: string;
  scopes: ReadonlySet<ApiScope>;
}

/** The live key with this secret (its last use noted, at most once a minute), or null: unknown or revoked. */
export async function keyForSecret(db: Sql, secret: string): Promise<ApiCaller | null> {
  const [row] = await db.query<{ id: string; scopes: string[]; stale: boolean }>(
    `select id, scopes, (last_used_at is null or last_used_at < now() - make_interval(secs => $2)) as stale
       from api_keys where secret_hash = $1 and revoked_at is null`,
    [hashSecret(secret), API_KEY_LIMITS.lastUsedEverySeconds],
  );
  if (!row) return null;
  if (row.stale) await db.query('update api_keys set last_used_at = now() where id = $1', [row.id]);
  return { keyId: row.id, scopes: new Set(row.scopes as ApiScope[]) };
}
