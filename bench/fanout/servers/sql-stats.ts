import type { Db, Sql } from '#hub/storage/db';

/**
 * BENCH_SQL_STATS=1: counts every statement the hub runs and its total time, printed (top 30 by
 * time) when the bench stops the server. This is how the per-visitor queue-place queries showed up.
 */
export function countStatements(db: Db): () => string {
  const stats = new Map<string, { n: number; ms: number }>();
  const wrap = <T extends Sql>(sql: T): T => {
    const query = sql.query.bind(sql);
    sql.query = (async (text: string, params?: unknown[]) => {
      const started = performance.now();
      try {
        return await query(text, params);
      } finally {
        const key = text.replace(/\s+/g, ' ').slice(0, 140);
        const s = stats.get(key) ?? { n: 0, ms: 0 };
        stats.set(key, { n: s.n + 1, ms: s.ms + performance.now() - started });
      }
    }) as T['query'];
    return sql;
  };
  wrap(db);
  const transaction = db.transaction.bind(db);
  db.transaction = (fn) => transaction((tx) => fn(wrap(tx)));
  return () =>
    [...stats]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 30)
      .map(([k, v]) => `${String(v.n).padStart(7)} ${v.ms.toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
}
