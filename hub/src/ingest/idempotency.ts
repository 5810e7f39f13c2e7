import { createHash } from 'node:crypto';
import { DATA_API_LIMITS } from '#protocol';
import { HubError } from '../inbox/errors';
import type { Db, Sql } from '../storage/db';

/**
 * Idempotency keys for the data API (issue 20), as Stripe's API has them: a request sent with an
 * `Idempotency-Key` runs once per API key and idempotency key; a retry with the same request (method,
 * path, query and body, hashed) gets the stored answer, a different request with a used key is 409.
 * The key's row is written in the same transaction as the request's writes, so a concurrent retry
 * waits for the first and then reads its answer, and a request that failed leaves no row to replay.
 * Answers are kept DATA_API_LIMITS.idempotencyKeepHours.
 */

export interface Answer {
  status: number;
  body: unknown;
}

/** Rolls the transaction back yet answers (an all-or-nothing bulk request with a refused row). */
export class RollBack extends Error {
  constructor(readonly answer: Answer) {
    super('rolled back');
  }
}

export const requestHash = (method: string, url: string, body: string) =>
  createHash('sha256').update(`${method} ${url}\n`).update(body).digest('hex');

async function stored(tx: Sql, keyId: string, idemKey: string, hash: string): Promise<Answer | null> {
  const [made] = await tx.query(
    `insert into api_idempotency (key_id, idem_key, request_hash, status, response) values ($1, $2, $3, 0, 'null')
     on conflict do nothing returning key_id`,
    [keyId, idemKey, hash],
  );
  if (made) return null;
  const [row] = await tx.query<{ request_hash: string; status: number; response: unknown }>(
    'select request_hash, status, response from api_idempotency where key_id = $1 and idem_key = $2',
    [keyId, idemKey],
  );
  if (row.request_hash !== hash)
    throw new HubError('conflict', 'this Idempotency-Key was used for a different request: use a new key');
  return { status: row.status, body: typeof row.response === 'string' ? JSON.parse(row.response) : row.response };
}

/** Runs `write` once per (API key, idempotency key); `replayed` says the answer is the stored one. */
export async function once(
  db: Db,
  keyId: string,
  idemKey: string | null,
  hash: string,
  write: (tx: Sql) => Promise<Answer>,
): Promise<Answer & { replayed: boolean }> {
  try {
    return await db.transaction(async (tx) => {
      if (idemKey === null) return { ...(await write(tx)), replayed: false };
      await tx.query(`delete from api_idempotency where created_at < now() - make_interval(hours => $1)`, [
        DATA_API_LIMITS.idempotencyKeepHours,
      ]);
      const before = await stored(tx, keyId, idemKey, hash);
      if (before) return { ...before, replayed: true };
      const answer = await write(tx);
      await tx.query('update api_idempotency set status = $3, response = $4 where key_id = $1 and idem_key = $2', [
        keyId,
        idemKey,
        answer.status,
        JSON.stringify(answer.body),
      ]);
      return { ...answer, replayed: false };
    });
  } catch (err) {
    if (err instanceof RollBack) return { ...err.answer, replayed: false };
    throw err;
  }
}
