import type { AnalyticsQuery, Figures, RepFigures, WeekHour } from '#protocol';
import type { Sql } from '../storage/db';
import type { Dimension } from './figures';
import { readLocalDays } from './rollup-days';
import { planStretches, type Stretch } from './rollup-plan';
import { readRollups, type Cuboid, type Measures } from './rollup-read';

/**
 * The figures of figures.ts and reps.ts read from the rollups (migration 0024) instead of the raw rows:
 * the same numbers (tests/hub/analytics-rollups.test.ts holds them equal), but a year costs a few
 * thousand summed rows. The rollups are kept for everyone and per chat, queue, channel and rep, not
 * for their combinations: `rollupCuboid` says which one a query reads, or null when it needs a
 * combination (report.ts then reads those tables raw). Run inside `analyticsRead`.
 */
export type Group = Figures & { id: string; name: string };

/** The cuboid and key a query's filters select; null when it has more than one filter. */
export function rollupCuboid(q: AnalyticsQuery): { cuboid: Cuboid; key?: string } | null {
  const filters: Array<[Cuboid, string | undefined]> = [
    ['chat', q.chatId],
    ['queue', q.queueId],
    ['channel', q.channel],
    ['rep', q.repId],
  ];
  const set = filters.filter(([, value]) => value !== undefined);
  if (set.length > 1) return null;
  return set.length === 0 ? { cuboid: 'all', key: '' } : { cuboid: set[0][0], key: set[0][1] };
}

/** The range's stretch ('all') and each local day's, from the database's time zone rules. */
async function stretches(db: Sql, q: AnalyticsQuery): Promise<{ range: Stretch; days: Stretch[] }> {
  const rows = await db.query<{ day: string; from: string; to: string }>(
    `select d::date::text as day, extract(epoch from d at time zone $3) * 1000 as from,
            extract(epoch from (d + interval '1 day') at time zone $3) * 1000 as to
       from generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') d order by d`,
    [q.from, q.to, q.tz],
  );
  const days = rows.map((r) => ({ slot: r.day, from: Number(r.from), to: Number(r.to) }));
  return { range: { slot: 'all', from: days[0].from, to: days[days.length - 1].to }, days };
}

function figuresOf(m: Measures): Figures {
  return {
    conversations: m.count('conversations'),
    answered: m.count('answered'),
    missed: m.count('missed'),
    abandoned: m.count('abandoned'),
    unanswered: m.count('unanswered'),
    firstResponse: m.spread('wait'),
    handled: m.count('handled'),
    handling: m.spread('handling'),
    transfers: m.count('transfers'),
    offersLapsed: m.count('lapsed'),
    leads: m.count('leads'),
    bot: {
      started: m.count('bot_started'),
      customerRouted: m.count('bot_customer'),
      pointedElsewhere: m.count('bot_channel'),
      qualified: m.count('bot_qualified'),
      leadCreated: m.count('bot_lead'),
      askedForPerson: m.count('bot_person'),
      unfinished: m.count('bot_unfinished'),
    },
  };
}

const NAMES: Partial<Record<Dimension, string>> = {
  chat: `select k.key, coalesce(c.name, k.key) as name from unnest($1::text[]) k(key) left join chats c on c.id = k.key`,
  queue: `select k.key, coalesce(q.name, '') as name from unnest($1::text[]) k(key) left join queues q on q.id = k.key`,
};

/**
 * The figures per group of `dimension` like `figuresBy`, from the rollups. 'all' and 'day' read the
 * query's own cuboid ('day' its zone's local days when they are kept, rollup-days.ts); 'chat', 'queue'
 * and 'channel' need a query without filters.
 */
export async function rollupGroups(db: Sql, q: AnalyticsQuery, dimension: Dimension): Promise<Group[]> {
  const own = rollupCuboid(q);
  const perGroup = dimension === 'chat' || dimension === 'queue' || dimension === 'channel';
  if (!own || (perGroup && own.cuboid !== 'all')) throw new Error(`no rollup holds ${dimension} for this query`);
  let read = dimension === 'day' ? await readLocalDays(db, q, own) : null;
  if (!read) {
    const { range, days } = await stretches(db, q);
    const plan = planStretches(dimension === 'day' ? days : [range]);
    read = await readRollups(db, plan, perGroup ? { cuboid: dimension } : own);
  }
  const groups: Group[] = [];
  for (const [slot, byKey] of read)
    for (const [key, m] of byKey) {
      const figures = figuresOf(m);
      if (figures.conversations <= 0) continue;
      const id = dimension === 'day' ? slot : perGroup ? key : '';
      groups.push({ ...figures, id, name: id });
    }
  if (perGroup) {
    // in the database's collation, as the raw figures order their groups
    const order = await db.query<{ key: string }>(`select key from unnest($1::text[]) key order by key`, [
      groups.map((g) => g.id),
    ]);
    const rank = new Map(order.map((r, i) => [r.key, i]));
    groups.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  }
  const names = NAMES[dimension];
  if (names) {
    const found = await db.query<{ key: string; name: string }>(names, [groups.map((g) => g.id)]);
    const byKey = new Map(found.map((r) => [r.key, r.name]));
    for (const g of groups) g.name = byKey.get(g.id) ?? g.name;
  }
  return groups;
}

/** `weekHours` from the hourly counts; null where an hour does not fall in one local hour (half-hour zones). */
export async function rollupWeek(db: Sql, q: AnalyticsQuery): Promise<WeekHour[] | null> {
  const own = rollupCuboid(q);
  const { range, days } = await stretches(db, q);
  if (!own || days.some((d) => d.from % 3_600_000 !== 0 || d.to % 3_600_000 !== 0)) return null;
  const rows = await db.query<WeekHour>(
    `select extract(isodow from r.start at time zone $1)::int as dow, extract(hour from r.start at time zone $1)::int as hour,
            sum(r.n)::int as conversations
       from analytics_rollups r
      where r.cuboid = $2 and r.key = $3 and r.span = 'hour' and r.measure = 'conversations'
        and r.start >= $4 and r.start < $5
      group by 1, 2`,
    [q.tz, own.cuboid, own.key, new Date(range.from).toISOString(), new Date(range.to).toISOString()],
  );
  const seen = new Map(rows.map((r) => [`${r.dow}:${r.hour}`, r.conversations]));
  return Array.from({ length: 168 }, (_, i) => {
    const dow = Math.floor(i / 24) + 1;
    const hour = i % 24;
    return { dow, hour, conversations: seen.get(`${dow}:${hour}`) ?? 0 };
  });
}

/** `repFigures` from the reps' parts; needs a query without chat, queue or channel filters. */
export async function rollupReps(db: Sql, q: AnalyticsQuery): Promise<RepFigures[]> {
  if (q.chatId !== undefined || q.queueId !== undefined || q.channel !== undefined)
    throw new Error('no rollup holds the per-rep table narrowed to a chat, queue or channel');
  const { range } = await stretches(db, q);
  const read = await readRollups(db, planStretches([range]), { cuboid: 'rep', key: q.repId, parts: true });
  const parts = read.get('all') ?? new Map<string, Measures>();
  const ids = q.repId ? [q.repId] : [...parts.keys()];
  const reps = await db.query<{ id: string; name: string }>(
    `select id, name from reps where id = any($1::text[]) order by name, id`,
    [ids],
  );
  const none = { count: () => 0, spread: () => ({ median: null, p90: null }) } satisfies Measures;
  return reps.map(({ id, name }) => {
    const m = parts.get(id) ?? none;
    return {
      repId: id,
      name,
      answered: m.count('part_answered'),
      firstResponse: m.spread('part_wait'),
      handled: m.count('part_handled'),
      handling: m.spread('part_handling'),
      transfers: m.count('part_transfers'),
      offersLapsed: m.count('part_lapsed'),
      leads: m.count('part_leads'),
    };
  });
}
