import type { AnalyticsQuery } from '#protocol';
import type { Sql } from '../storage/db';
import type { Cuboid, Measures, Read } from './rollup-read';

/**
 * The per-day table from the local-day rollups (migration 0027) when the query's zone is kept (a zone
 * a chat's business hours name): each local day is one bucket, so nothing is read from the lines, and
 * the histograms' percentiles are taken in the database (a running sum per day and measure, in the
 * primary key's order, so no sort) — a year's 500,000 histogram rows never cross the wire. Null when
 * the zone is not kept: rollup-figures.ts then reads the UTC rollups and the lines between midnights.
 */
type Row = { day: string; measure: string; n: number; median: number | null; p90: number | null };

export async function readLocalDays(
  db: Sql,
  q: AnalyticsQuery,
  own: { cuboid: Cuboid; key?: string },
): Promise<Read | null> {
  const kept = await db.query(`select 1 from analytics_zones where tz = $1`, [q.tz]);
  if (kept.length === 0) return null;
  // percentile_disc's position ⌈p·N⌉ in double arithmetic, as `percentile` in rollup-read.ts takes it
  const rows = await db.query<Row>(
    `select day::text as day, measure, sum(n)::int as n,
            min(seconds) filter (where run >= ceil(0.5::float8 * total::float8)) as median,
            min(seconds) filter (where run >= ceil(0.9::float8 * total::float8)) as p90
       from (select day, measure, seconds, n,
                    sum(n) over (partition by day, measure order by seconds) as run,
                    sum(n) over (partition by day, measure) as total
               from analytics_local_days
              where tz = $1 and cuboid = $2 and key = $3 and day >= $4::date and day <= $5::date and n <> 0) h
      group by day, measure`,
    [q.tz, own.cuboid, own.key ?? '', q.from, q.to],
  );
  const byDay = new Map<string, Map<string, Row>>();
  for (const r of rows) {
    let day = byDay.get(r.day);
    if (!day) byDay.set(r.day, (day = new Map()));
    day.set(r.measure, r);
  }
  const read: Read = new Map();
  for (const day of [...byDay.keys()].sort()) read.set(day, new Map([[own.key ?? '', measures(byDay.get(day)!)]]));
  return read;
}

function measures(rows: Map<string, Row>): Measures {
  return {
    count: (measure) => rows.get(measure)?.n ?? 0,
    spread: (measure) => {
      const r = rows.get(measure);
      return { median: r?.median ?? null, p90: r?.p90 ?? null };
    },
  };
}
