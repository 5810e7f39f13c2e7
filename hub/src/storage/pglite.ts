import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Sql } from './db';

export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ? { dataDir } : {});
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    query: async <T>(text: string, params?: unknown[]) => (await q.query<T>(text, params as unknown[])).rows,
    exec: async (text) => void (await q.exec(text)),
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
