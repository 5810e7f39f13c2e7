import type { AnalyticsQuery, Figures, WeekHour } from '#protocol';
import type { Sql } from '../storage/db';
import { paramList, repOnly, scopeCte } from './scope';

/**
 * The figures of the conversations in scope (scope.ts), for the whole range or grouped by day,
 * chat, queue or channel, each one SQL statement over stored rows: the conversations, their facts
 * (transfers, lapsed offers), the leads made from them and the bot's runs. Times are percentiles
 * (`percentile_disc`: a time some conversation really took). Definitions: README, "Analytics".
 */
export type Dimension = 'all' | 'day' | 'chat' | 'queue' | 'channel';

const KEY: Record<Dimension, string> = {
  all: `''`,
  day: `to_char(s.local_at, 'YYYY-MM-DD')`,
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

type Row = {
  key: string;
  name: string;
  conversations: number;
  answered: number;
  missed: number;
  abandoned: number;
  unanswered: number;
  wait_median: number | null;
  wait_p90: number | null;
  handled: number;
  handling_median: number | null;
  handling_p90: number | null;
  transfers: number;
  lapsed: number;
  leads: number;
  bot_started: number;
  bot_customer: number;
  bot_channel: number;
  bot_qualified: number;
  bot_lead: number;
  bot_person: number;
  bot_unfinished: number;
};

const spread = (median: number | null, p90: number | null) => ({
  median: median === null ? null : Math.round(median),
  p90: p90 === null ? null : Math.round(p90),
});

const toFigures = (r: Row): Figures => ({
  conversations: r.conversations,
  answered: r.answered,
  missed: r.missed,
  abandoned: r.abandoned,
  unanswered: r.unanswered,
  firstResponse: spread(r.wait_median, r.wait_p90),
  handled: r.handled,
  handling: spread(r.handling_median, r.handling_p90),
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
  wait_median: null,
  wait_p90: null,
  handled: 0,
  handling_median: null,
  handling_p90: null,
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

/** The figures per group of `dimension` (one group for 'all'), groups with no conversation left out. */
export async function figuresBy(
  db: Sql,
  q: AnalyticsQuery,
  dimension: Dimension,
): Promise<Array<Figures & { id: string; name: string }>> {
  const { params, p } = paramList();
  const rows = await db.query<Row>(
    `with ${scopeCte(q, p)},
     facts as (
       select f.conversation_id, count(*) filter (where f.kind = 'transferred')::int as transfers, count(*) filter (where f.kind = 'offer_lapsed')::int as lapsed
         from conversation_facts f where f.conversation_id in (select id from scope)${repOnly(q, p, 'f.rep_id')} group by f.conversation_id),
     leads as (
       select k.source_conversation_id as conversation_id, count(*)::int as leads from crm_contacts k
        where k.source = 'chat' and k.source_conversation_id in (select id from scope)${repOnly(q, p, 'k.created_by')} group by k.source_conversation_id),
     g as (
       select ${KEY[dimension]} as key, count(*)::int as conversations,
              ${['answered', 'missed', 'abandoned', 'unanswered'].map(outcome).join(', ')},
              percentile_disc(0.5) within group (order by s.wait_ms) as wait_median,
              percentile_disc(0.9) within group (order by s.wait_ms) as wait_p90,
              count(s.handling_ms)::int as handled,
              percentile_disc(0.5) within group (order by s.handling_ms) as handling_median,
              percentile_disc(0.9) within group (order by s.handling_ms) as handling_p90,
              coalesce(sum(f.transfers), 0)::int as transfers, coalesce(sum(f.lapsed), 0)::int as lapsed, coalesce(sum(l.leads), 0)::int as leads,
              count(b.conversation_id)::int as bot_started,
              ${botOutcome('bot_customer', 'customer')}, ${botOutcome('bot_channel', 'channel')}, ${botOutcome('bot_qualified', 'lead')},
              count(b.lead_id)::int as bot_lead, ${botOutcome('bot_person', 'person')},
              count(*) filter (where b.conversation_id is not null and b.state->>'step' <> 'done')::int as bot_unfinished
         from scope s
         left join facts f on f.conversation_id = s.id
         left join leads l on l.conversation_id = s.id
         left join bot_runs b on b.conversation_id = s.id
        group by 1)
     select g.*, ${NAME[dimension]} as name from g order by g.key`,
    params,
  );
  return rows.map((r) => ({ ...toFigures(r), id: r.key, name: r.name }));
}

/** The figures of the whole range. */
export async function totals(db: Sql, q: AnalyticsQuery): Promise<Figures> {
  const [all] = await figuresBy(db, q, 'all');
  if (!all) return EMPTY_FIGURES;
  const { id: _id, name: _name, ...figures } = all;
  return figures;
}

/** Every day of the range, oldest first; a day with no conversation has zeros. */
export async function figuresPerDay(db: Sql, q: AnalyticsQuery): Promise<Array<Figures & { day: string }>> {
  const byDay = new Map((await figuresBy(db, q, 'day')).map(({ id, name: _name, ...f }) => [id, f]));
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
    `with ${scopeCte(q, p)}
     select extract(isodow from s.local_at)::int as dow, extract(hour from s.local_at)::int as hour, count(*)::int as conversations
       from scope s group by 1, 2`,
    params,
  );
  const seen = new Map(rows.map((r) => [`${r.dow}:${r.hour}`, r.conversations]));
  return Array.from({ length: 168 }, (_, i) => {
    const dow = Math.floor(i / 24) + 1;
    const hour = i % 24;
    return { dow, hour, conversations: seen.get(`${dow}:${hour}`) ?? 0 };
  });
}
