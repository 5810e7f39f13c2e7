import pg from 'pg';
import { quietLogger, type Log } from '../log';
import type { Db, Sql } from './db';

export async function openPostgres(url: string, log: Pick<Log, 'warn'> = quietLogger()): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (restart, admin command) must not crash the hub: the pool replaces it.
  pool.on('error', (err) => log.warn({ err: err.message }, 'postgres: idle connection lost'));
  // Fail at start-up, not at the first request, when the database is unreachable.
  await pool.query('select 1');
  const wrap = (q: { query: pg.Pool['query'] }): Sql => ({
    query: async <T>(text: string, params?: unknown[]) => (await q.query(text, params)).rows as T[],
    exec: async (text) => void (await q.query(text)),
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
