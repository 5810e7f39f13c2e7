import type { AnalyticsQuery } from '#protocol';
import type { Sql } from '../storage/db';
import { percentile, type Cuboid, type Measures, type Read } from './rollup-read';

/**
 * The per-day table from the local-day rollups (migration 0027) when the query's zone is kept (a zone
 * a chat's business hours name): each local day is one bucket, so nothing is read from the lines, and
 * each day's histograms come as two arrays (seconds, counts) in the primary key's order (no sort, a
 * row per day and measure to the hub), their percentiles taken by `percentile` as for the UTC rollups.
 * Null when the zone is not kept: rollup-figures.ts then reads the UTC rollups and the lines between
 * midnights.
 */
type Row = { day: string; measure: string; n: number; seconds: number[] | null; counts: number[] | null };

/** The measures the per-day figures take percentiles of (figuresOf in rollup-figures.ts). */
const HISTOGRAMS = ['wait', 'handling'];

export async function readLocalDays(
  db: Sql,
  q: AnalyticsQuery,
  own: { cuboid: Cuboid; key?: string },
): Promise<Read | null> {
  const kept = await db.query(`select 1 from analytics_zones where tz = $1`, [q.tz]);
  if (kept.length === 0) return null;
  // a histogram's seconds and counts as two arrays in the index's order: far fewer rows to the hub
  const rows = await db.query<Row>(
    `select day::text as day, measure, sum(n)::int as n,
            case when measure = any($6::text[]) then array_agg(seconds order by seconds) end as seconds,
            case when measure = any($6::text[]) then array_agg(n order by seconds) end as counts
       from analytics_local_days
      where tz = $1 and cuboid = $2 and key = $3 and day >= $4::date and day <= $5::date and n <> 0
      group by day, measure`,
    [q.tz, own.cuboid, own.key ?? '', q.from, q.to, HISTOGRAMS],
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
      const { seconds, counts } = rows.get(measure) ?? { seconds: null, counts: null };
      if (!seconds || !counts) return { median: null, p90: null };
      const histogram = seconds.map((s, i) => ({ seconds: s, n: counts[i] }));
      return { median: percentile(histogram, 0.5), p90: percentile(histogram, 0.9) };
    },
  };
}
