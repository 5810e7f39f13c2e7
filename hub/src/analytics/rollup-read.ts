import type { Spread } from '#protocol';
import type { Sql } from '../storage/db';
import type { Plan } from './rollup-plan';

/**
 * Reads the rollups (migration 0024) for a plan (rollup-plan.ts): the buckets' sums plus the edges'
 * lines turned into the same entries (`analytics_*_entries`, weighted ±1), summed per slot and key of
 * one cuboid — everyone, or per chat, queue, channel or rep. What comes back per slot and key is its
 * counts and its whole-second histograms, from which percentiles are exact (`percentile`).
 */
export type Cuboid = 'all' | 'chat' | 'queue' | 'channel' | 'rep';

export interface Measures {
  count(measure: string): number;
  /** percentile_disc(0.5) and (0.9) of a histogram's measure, as `Spread`. */
  spread(measure: string): Spread;
}

export interface ReadOptions {
  cuboid: Cuboid;
  /** One key of the cuboid only (a filter); otherwise every key. */
  key?: string;
  /** The reps' own parts ('part_*', the per-rep table) instead of the figures narrowed to them. */
  parts?: boolean;
}

/** Groups by slot (in order), then key (in no order: the caller sorts them as the raw figures do). */
export type Read = Map<string, Map<string, Measures>>;

type Row = { slot: string; key: string; measure: string; seconds: number; n: number };

export async function readRollups(db: Sql, plan: Plan, options: ReadOptions): Promise<Read> {
  const params: unknown[] = [
    plan.buckets.map((b) => b.slot),
    plan.buckets.map((b) => b.span),
    plan.buckets.map((b) => b.start.toISOString()),
    plan.edges.map((e) => e.slot),
    plan.edges.map((e) => e.from.toISOString()),
    plan.edges.map((e) => e.to.toISOString()),
    plan.edges.map((e) => e.weight),
    options.cuboid,
    options.parts === true,
  ];
  const keyIs = (column: string) => (options.key === undefined ? '' : ` and ${column} = $${params.push(options.key)}`);
  const which = (alias: string) => `${alias}.cuboid = $8 and starts_with(${alias}.measure, 'part_') = $9`;
  // a rep's entries need the line's reps gathered; the others are one inlined select
  const entriesOf = options.cuboid === 'rep' ? 'analytics_rep_entries' : 'analytics_group_entries';
  // Summed by hashing: the planner misjudges the unnested buckets and would sort 10⁵ rows by text.
  await db.query('set local enable_sort = off');
  const rows = await db.query<Row>(
    `with b as (select * from unnest($1::text[], $2::text[], $3::timestamptz[]) as b(slot, span, start)),
          e as (select * from unnest($4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[]) as e(slot, lo, hi, w)),
          -- each stretch of lines once (neighbouring days share theirs), by index, then its entries summed
          ranges as (select distinct lo, hi from e),
          edge_lines as materialized (
            select g.lo, g.hi, l as line from ranges g join analytics_lines l on l.created_at >= g.lo and l.created_at < g.hi),
          edge_entries as (
            select l.lo, l.hi, x.key, x.measure, x.seconds, sum(x.n)::int as n
              from edge_lines l cross join lateral ${entriesOf}(l.line) x
             where ${which('x')}${keyIs('x.key')}
             group by 1, 2, 3, 4, 5),
          summed as (
            select b.slot, r.key, r.measure, r.seconds, r.n
              from b join analytics_rollups r on r.span = b.span and r.start = b.start
             where ${which('r')}${keyIs('r.key')}
            union all
            select e.slot, g.key, g.measure, g.seconds, g.n * e.w
              from e join edge_entries g on g.lo = e.lo and g.hi = e.hi)
     select slot, key, measure, seconds, sum(n)::int as n from summed group by 1, 2, 3, 4 having sum(n) <> 0`,
    params,
  );
  await db.query('set local enable_sort = on');
  // Sorted here, not by the database: a text sort in its collation cost more than the rest of the read.
  const bySlot = new Map<string, Map<string, Map<string, Row[]>>>();
  for (const r of rows) {
    let slot = bySlot.get(r.slot);
    if (!slot) bySlot.set(r.slot, (slot = new Map()));
    let key = slot.get(r.key);
    if (!key) slot.set(r.key, (key = new Map()));
    const list = key.get(r.measure);
    if (list) list.push(r);
    else key.set(r.measure, [r]);
  }
  const read: Read = new Map();
  for (const slot of [...bySlot.keys()].sort()) {
    const byKey = new Map<string, Measures>();
    for (const [key, entries] of bySlot.get(slot)!) {
      for (const list of entries.values()) list.sort((a, b) => a.seconds - b.seconds);
      byKey.set(key, measures(entries));
    }
    read.set(slot, byKey);
  }
  return read;
}

function measures(entries: Map<string, Row[]>): Measures {
  return {
    count: (measure) => (entries.get(measure) ?? []).reduce((sum, r) => sum + r.n, 0),
    spread: (measure) => {
      const histogram = entries.get(measure) ?? [];
      return { median: percentile(histogram, 0.5), p90: percentile(histogram, 0.9) };
    },
  };
}

/**
 * PostgreSQL's percentile_disc over a histogram sorted by seconds: the value at position
 * ceil(p × N) (1-based, at least 1), the same double arithmetic the database does.
 */
export function percentile(histogram: Array<{ seconds: number; n: number }>, p: number): number | null {
  const total = histogram.reduce((sum, r) => sum + r.n, 0);
  if (total <= 0) return null;
  const position = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const r of histogram) {
    seen += r.n;
    if (seen >= position) return r.seconds;
  }
  return null;
}
