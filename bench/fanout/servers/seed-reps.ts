import { createHash, randomBytes } from 'node:crypto';
import { hashPassword } from '#hub/auth/passwords';
import type { Db } from '#hub/storage/db';

/**
 * Bench-only: `count` extra reps in the demo queue, each with a ready session token. Sessions are
 * inserted directly (same sha256-of-token form the hub stores) so 100 reps don't cost 100 scrypt
 * logins per server start; one password hash is shared for the same reason.
 */
export async function seedBenchReps(db: Db, count: number): Promise<string[]> {
  const hash = await hashPassword('parley-bench');
  const tokens: string[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const id = `r_bench_${i}`;
      const token = randomBytes(32).toString('base64url');
      await tx.query(`insert into reps (id, email, name, role, password_hash) values ($1, $2, $3, 'rep', $4)`, [
        id,
        `bench${i}@bench.parley.test`,
        `Bench Rep ${i}`,
        hash,
      ]);
      await tx.query(`insert into queue_members (queue_id, rep_id) values ('q_demo', $1)`, [id]);
      await tx.query(
        `insert into sessions (token_hash, rep_id, expires_at) values ($1, $2, now() + interval '1 day')`,
        [createHash('sha256').update(token).digest('hex'), id],
      );
      tokens.push(token);
    }
  });
  return tokens;
}
