import type { AnalyticsQuery } from '#protocol';

/**
 * The conversations a query is about, as one SQL common table expression (`scope`): those opened
 * from the first day's midnight to the midnight after the last day in the query's time zone
 * (PostgreSQL's `at time zone`, so daylight-saving days have 23 or 25 hours), narrowed by chat,
 * queue, channel and rep. Each row carries what every figure needs: its outcome class, its wait
 * before a rep joined and its handling time in ms, and its local opening time. The definitions are
 * the README's "Analytics: what each figure means"; change one there when you change it here.
 */
export interface Sqlish {
  text: string;
  params: unknown[];
}

/** Collects parameters: `p(value)` returns its `$n`. */
export function paramList() {
  const params: unknown[] = [];
  return { params, p: (value: unknown) => `$${params.push(value)}` };
}

export type ScopeOptions = {
  /** Leave the rep out of the scope (the per-rep table filters its rows instead). */
  ignoreRep?: boolean;
  /** More conditions on `c` (conversations), e.g. a keyset position. */
  extra?: string[];
};

/** The outcome class of a conversation `c`: exactly one of four. */
export const OUTCOME = `case when c.status = 'abandoned' then 'abandoned' when c.missed_at is not null then 'missed'
  when c.first_rep_at is not null then 'answered' else 'unanswered' end`;

const ms = (later: string, earlier: string) => `(extract(epoch from ${later} - ${earlier}) * 1000)::float8`;

/** `with scope as (...)`; `p` must be the same parameter list the rest of the statement uses. */
export function scopeCte(q: AnalyticsQuery, p: (v: unknown) => string, options: ScopeOptions = {}): string {
  const tz = p(q.tz);
  const where = [
    `c.created_at >= (${p(q.from)}::date::timestamp at time zone ${tz})`,
    `c.created_at < ((${p(q.to)}::date + 1)::timestamp at time zone ${tz})`,
  ];
  if (q.chatId) where.push(`c.chat_id = ${p(q.chatId)}`);
  if (q.queueId) where.push(`c.queue_id = ${p(q.queueId)}`);
  if (q.channel) where.push(`c.channel = ${p(q.channel)}`);
  if (q.repId && !options.ignoreRep) {
    const rep = p(q.repId);
    where.push(`(c.first_rep_id = ${rep} or c.owner_id = ${rep}
      or exists (select 1 from conversation_facts f where f.conversation_id = c.id and f.rep_id = ${rep}))`);
  }
  where.push(...(options.extra ?? []));
  return `scope as (
    select c.id, c.chat_id, c.queue_id, c.channel, c.created_at, c.first_rep_id, c.owner_id,
           (c.created_at at time zone ${tz}) as local_at,
           ${OUTCOME} as outcome,
           case when c.status <> 'abandoned' and c.missed_at is null and c.first_rep_at is not null then ${ms('c.first_rep_at', 'c.created_at')} end as wait_ms,
           case when c.status in ('closed', 'archived') and c.first_rep_at is not null and c.closed_at is not null then ${ms('c.closed_at', 'c.first_rep_at')} end as handling_ms
      from conversations c
     where ${where.join('\n       and ')})`;
}

/** The rep a query is narrowed to, for facts and leads that belong to one rep. */
export const repOnly = (q: AnalyticsQuery, p: (v: unknown) => string, column: string) =>
  q.repId ? ` and ${column} = ${p(q.repId)}` : '';
