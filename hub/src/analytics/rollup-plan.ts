/**
 * Which rollup buckets and which raw edges make up a stretch of time (FEATURES H4, issue 17). A
 * report's stretches — the whole range, each local day — start and end at local midnights, which in
 * most zones are not UTC midnights, while the rollups (migration 0024) are summed per UTC day, month and
 * year. So each stretch [from, to) is rounded to the nearest UTC midnights [a, b), which are covered
 * by whole years, then whole months, then days; the difference at each end (at most 12 hours) is
 * read from the conversations' lines, added where the stretch starts before `a` or ends after `b`,
 * taken away where it starts after `a` or ends before `b`. Exact in every zone, half-hour ones too.
 */
export type Span = 'year' | 'month' | 'day';

export interface Bucket {
  slot: string;
  span: Span;
  start: Date;
}

/** Lines opened in [from, to) count `weight` times in `slot`. */
export interface Edge {
  slot: string;
  from: Date;
  to: Date;
  weight: 1 | -1;
}

export interface Plan {
  buckets: Bucket[];
  edges: Edge[];
}

const DAY_MS = 86_400_000;

/** `from`/`to`: ms since the epoch. */
export interface Stretch {
  slot: string;
  from: number;
  to: number;
}

export function planStretches(stretches: Stretch[]): Plan {
  const plan: Plan = { buckets: [], edges: [] };
  for (const s of stretches) planOne(s, plan);
  return plan;
}

function planOne({ slot, from, to }: Stretch, plan: Plan): void {
  const a = Math.round(from / DAY_MS) * DAY_MS;
  const b = Math.round(to / DAY_MS) * DAY_MS;
  const signed = (x: number, y: number) => {
    if (x < y) plan.edges.push({ slot, from: new Date(x), to: new Date(y), weight: 1 });
    else if (y < x) plan.edges.push({ slot, from: new Date(y), to: new Date(x), weight: -1 });
  };
  if (b <= a) {
    signed(from, to);
    return;
  }
  signed(from, a);
  signed(b, to);
  for (let t = a; t < b;) {
    const d = new Date(t);
    const nextYear = Date.UTC(d.getUTCFullYear() + 1, 0, 1);
    const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const span: Span =
      d.getUTCMonth() === 0 && d.getUTCDate() === 1 && nextYear <= b
        ? 'year'
        : d.getUTCDate() === 1 && nextMonth <= b
          ? 'month'
          : 'day';
    plan.buckets.push({ slot, span, start: d });
    t = span === 'year' ? nextYear : span === 'month' ? nextMonth : t + DAY_MS;
  }
}
