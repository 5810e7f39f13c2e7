import type { AnalyticsQuery, Figures, Spread, WeekHour } from '#protocol';
import type { Sql } from '../storage/db';
import { paramList, repOnly, scopeSql, sinceStart } from './scope';

/**
 * The figures of the conversations in scope (scope.ts), for the whole range or grouped by day,
 * chat, queue or channel, each one SQL statement over stored rows: the conversations, their facts
 * (transfers, lapsed offers), the leads made from them and the bot's runs, joined by hash. Times
 * are `percentile_disc` over whole seconds: a time some conversation really took. Run inside
 * `analyticsRead`. Definitions: docs/ANALYTICS.md.
 */
export type Dimension = 'all' | 'day' | 'chat' | 'queue' | 'channel';

const KEY: Record<Dimension, string> = {
  all: `''`,
  day: `(s.local_at::date)::text`,
  chat: 's.chat_id',
  queue: `coalesce(s.queue_id, '')`,
  channel: 's.channel',
};

const NAME: Record<Dimension, string> = {
  all: 'g.key',
  day: 'g.key',
  chat: 'coalesce((select name from chats where id = g.key), g.key)',
  queue: `coalesce((select name from queues where id = g.key), '')`,
  channel: 'g.key',
};

/** What a row says of one rep's or one group's part: answered and their wait, handled and its time, facts, leads. */
export type PartRow = {
  answered: number;
  wait: [number, number] | null;
  handled: number;
  handling: [number, number] | null;
  transfers: number;
  lapsed: number;
  leads: number;
};

type Row = PartRow & {
  key: string;
  name: string;
  conversations: number;
  missed: number;
  abandoned: number;
  unanswered: number;
  bot_started: number;
  bot_customer: number;
  bot_channel: number;
  bot_qualified: number;
  bot_lead: number;
  bot_person: number;
  bot_unfinished: number;
};

/** percentile_disc(array[0.5, 0.9]) → the spread; null (no rows) → nulls. */
export const spread = (pair: [number, number] | null): Spread => ({
  median: pair?.[0] ?? null,
  p90: pair?.[1] ?? null,
});
export const PERCENTILES = (column: string) => `percentile_disc(array[0.5, 0.9]) within group (order by ${column})`;

const toFigures = (r: Row): Figures => ({
  conversations: r.conversations,
  answered: r.answered,
  missed: r.missed,
  abandoned: r.abandoned,
  unanswered: r.unanswered,
  firstResponse: spread(r.wait),
  handled: r.handled,
  handling: spread(r.handling),
  transfers: r.transfers,
  offersLapsed: r.lapsed,
  leads: r.leads,
  bot: {
    started: r.bot_started,
    customerRouted: r.bot_customer,
    pointedElsewhere: r.bot_channel,
    qualified: r.bot_qualified,
    leadCreated: r.bot_lead,
    askedForPerson: r.bot_person,
    unfinished: r.bot_unfinished,
  },
});

export const EMPTY_FIGURES: Figures = toFigures({
  key: '',
  name: '',
  conversations: 0,
  answered: 0,
  missed: 0,
  abandoned: 0,
  unanswered: 0,
  wait: null,
  handled: 0,
  handling: null,
  transfers: 0,
  lapsed: 0,
  leads: 0,
  bot_started: 0,
  bot_customer: 0,
  bot_channel: 0,
  bot_qualified: 0,
  bot_lead: 0,
  bot_person: 0,
  bot_unfinished: 0,
});

const outcome = (o: string) => `count(*) filter (where s.outcome = '${o}')::int as ${o}`;
const botOutcome = (name: string, o: string) => `count(*) filter (where b.state->>'outcome' = '${o}')::int as ${name}`;

type Group = Figures & { id: string; name: string };

/**
 * The figures per group of each of `dimensions` (one group for 'all'), groups with no conversation left
 * out, in one statement: the scope and its joins are read once and grouped by grouping sets, so the
 * whole screen costs one pass over the range instead of one per table.
 */
export async function figuresByEach<D extends Dimension>(
  db: Sql,
  q: AnalyticsQuery,
  dimensions: readonly D[],
): Promise<Record<D, Group[]>> {
  const { params, p } = paramList();
  const since = sinceStart(q, p);
  const grouped = dimensions.filter((d) => d !== 'all');
  const sets = dimensions.map((d) => (d === 'all' ? '()' : `(${KEY[d]})`)).join(', ');
  // A row of a dimension's set has that dimension's key grouped (grouping() = 0); the () set has none.
  const which = (then: (d: Dimension) => string) =>
    grouped.length === 0
      ? then('all')
      : `case ${grouped.map((d) => `when grouping(${KEY[d]}) = 0 then ${then(d)}`).join(' ')} else ${then('all')} end`;
  const rows = await db.query<Row & { dim: D }>(
    `with g as (
       select ${which((d) => `'${d}'`)} as dim, ${which((d) => KEY[d])} as key, count(*)::int as conversations,
              ${['answered', 'missed', 'abandoned', 'unanswered'].map(outcome).join(', ')},
              ${PERCENTILES('s.wait_s')} as wait,
              count(s.handling_s)::int as handled, ${PERCENTILES('s.handling_s')} as handling,
              coalesce(sum(f.transfers), 0)::int as transfers, coalesce(sum(f.lapsed), 0)::int as lapsed, coalesce(sum(l.leads), 0)::int as leads,
              count(b.conversation_id)::int as bot_started,
              ${botOutcome('bot_customer', 'customer')}, ${botOutcome('bot_channel', 'channel')}, ${botOutcome('bot_qualified', 'lead')},
              count(b.lead_id)::int as bot_lead, ${botOutcome('bot_person', 'person')},
              count(*) filter (where b.conversation_id is not null and b.state->>'step' <> 'done')::int as bot_unfinished
         from (${scopeSql(q, p)}) s
         left join (select conversation_id, count(*) filter (where kind = 'transferred') as transfers, count(*) filter (where kind = 'offer_lapsed') as lapsed
                      from conversation_facts where at >= ${since}${repOnly(q, p, 'rep_id')} group by conversation_id) f on f.conversation_id = s.id
         left join (select source_conversation_id, count(*) as leads from crm_contacts
                     where source = 'chat' and created_at >= ${since}${repOnly(q, p, 'created_by')} group by source_conversation_id) l on l.source_conversation_id = s.id
         left join bot_runs b on b.conversation_id = s.id
        group by grouping sets (${sets}))
     select g.*, case g.dim ${dimensions.map((d) => `when '${d}' then ${NAME[d]}`).join(' ')} end as name
       from g where g.conversations > 0 order by g.dim, g.key`,
    params,
  );
  const byDimension = Object.fromEntries(dimensions.map((d) => [d, [] as Group[]])) as Record<D, Group[]>;
  for (const r of rows) byDimension[r.dim].push({ ...toFigures(r), id: r.key, name: r.name });
  return byDimension;
}

/** The figures per group of `dimension` (one group for 'all'), groups with no conversation left out. */
export async function figuresBy(db: Sql, q: AnalyticsQuery, dimension: Dimension): Promise<Group[]> {
  return (await figuresByEach(db, q, [dimension]))[dimension];
}

/** The figures of the whole range. */
export async function totals(db: Sql, q: AnalyticsQuery): Promise<Figures> {
  return totalsOf(await figuresBy(db, q, 'all'));
}

/** The 'all' group's figures; zeros when the range has no conversation. */
export function totalsOf([all]: Group[]): Figures {
  if (!all) return EMPTY_FIGURES;
  const { id: _id, name: _name, ...figures } = all;
  return figures;
}

/** Every day of the range, oldest first; a day with no conversation has zeros. */
export async function figuresPerDay(db: Sql, q: AnalyticsQuery): Promise<Array<Figures & { day: string }>> {
  return everyDay(q, await figuresBy(db, q, 'day'));
}

/** The 'day' groups laid over every day of the range, oldest first, zeros where a day has none. */
export function everyDay(q: AnalyticsQuery, dayGroups: Group[]): Array<Figures & { day: string }> {
  const byDay = new Map(dayGroups.map(({ id, name: _name, ...f }) => [id, f]));
  const days: Array<Figures & { day: string }> = [];
  for (let t = Date.parse(`${q.from}T00:00:00Z`); t <= Date.parse(`${q.to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push({ day, ...(byDay.get(day) ?? EMPTY_FIGURES) });
  }
  return days;
}

/** Conversations opened in each of the 168 hours of the week (local time), Monday 0:00 first. */
export async function weekHours(db: Sql, q: AnalyticsQuery): Promise<WeekHour[]> {
  const { params, p } = paramList();
  const rows = await db.query<WeekHour>(
    `select extract(isodow from s.local_at)::int as dow, extract(hour from s.local_at)::int as hour, count(*)::int as conversations
       from (${scopeSql(q, p)}) s group by 1, 2`,
    params,
  );
  const seen = new Map(rows.map((r) => [`${r.dow}:${r.hour}`, r.conversations]));
  return Array.from({ length: 168 }, (_, i) => {
    const dow = Math.floor(i / 24) + 1;
    const hour = i % 24;
    return { dow, hour, conversations: seen.get(`${dow}:${hour}`) ?? 0 };
  });
}
