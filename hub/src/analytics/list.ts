import { ANALYTICS_LIMITS, type ConversationFigure, type ConversationListQuery } from '#protocol';
import type { Sql } from '../storage/db';
import { exactTime } from '../storage/keyset';
import { paramList, scopeSql } from './scope';

/**
 * The conversations behind a figure (FEATURES H4), oldest first, read in keyset pages over
 * (created_at, id) — an index walk that works alike on PGlite (no server cursors) and PostgreSQL —
 * so a year of a busy shop streams out in pages of `csvPage` and is never held in memory at once.
 */
export interface ListedConversation {
  id: string;
  /** Opened, local time in the query's zone, `YYYY-MM-DD HH:MM:SS`. */
  opened: string;
  chat: string;
  queue: string | null;
  channel: string;
  outcome: string;
  firstRep: string | null;
  owner: string | null;
  firstResponseS: number | null;
  handlingS: number | null;
  transfers: number;
  offersLapsed: number;
  botOutcome: string | null;
  leads: number;
}

const factCount = (kind: string) =>
  `(select count(*) from conversation_facts f where f.conversation_id = s.id and f.kind = '${kind}')::int`;
const leadCount = `(select count(*) from crm_contacts k where k.source_conversation_id = s.id and k.source = 'chat')::int`;

/** Which conversations of the scope each figure's list holds. */
const FIGURE: Record<ConversationFigure, string> = {
  all: 'true',
  answered: `s.outcome = 'answered'`,
  missed: `s.outcome = 'missed'`,
  abandoned: `s.outcome = 'abandoned'`,
  unanswered: `s.outcome = 'unanswered'`,
  transferred: `exists (select 1 from conversation_facts f where f.conversation_id = s.id and f.kind = 'transferred')`,
  offerLapsed: `exists (select 1 from conversation_facts f where f.conversation_id = s.id and f.kind = 'offer_lapsed')`,
  lead: `exists (select 1 from crm_contacts k where k.source_conversation_id = s.id and k.source = 'chat')`,
  bot: 'b.conversation_id is not null',
};

/** `position`: created_at exact to the microsecond (`exactTime`), for the next page's keyset. */
type Row = Omit<ListedConversation, 'firstResponseS' | 'handlingS'> & {
  wait_s: number | null;
  handling_s: number | null;
  position: string;
};

type Position = { createdAt: string; id: string } | null;

async function page(db: Sql, q: ConversationListQuery, after: Position, size: number): Promise<Row[]> {
  const { params, p } = paramList();
  const extra = after ? [`(c.created_at, c.id) > (${p(after.createdAt)}::timestamptz, ${p(after.id)})`] : [];
  const range = q.day ? { ...q, from: q.day, to: q.day } : q;
  return db.query<Row>(
    `select s.id, to_char(s.local_at, 'YYYY-MM-DD HH24:MI:SS') as opened, ch.name as chat, qu.name as queue, s.channel, s.outcome,
            fr.name as "firstRep", ow.name as owner, s.wait_s, s.handling_s,
            ${factCount('transferred')} as transfers, ${factCount('offer_lapsed')} as "offersLapsed",
            b.state->>'outcome' as "botOutcome", ${leadCount} as leads, ${exactTime('s.created_at')} as position
       from (${scopeSql(range, p, { extra })}) s
       join chats ch on ch.id = s.chat_id
       left join queues qu on qu.id = s.queue_id
       left join reps fr on fr.id = s.first_rep_id
       left join reps ow on ow.id = s.owner_id
       left join bot_runs b on b.conversation_id = s.id
      where ${FIGURE[q.figure]}
      order by s.created_at, s.id
      limit ${p(size)}`,
    params,
  );
}

/** Page after page until the list is done; each page is read only when the consumer asks for it. */
export async function* listConversations(
  db: Sql,
  q: ConversationListQuery,
  pageSize: number = ANALYTICS_LIMITS.csvPage,
): AsyncGenerator<ListedConversation[]> {
  let after: Position = null;
  for (;;) {
    const rows = await page(db, q, after, pageSize);
    if (rows.length === 0) return;
    yield rows.map(({ wait_s, handling_s, position: _position, ...r }) => ({
      ...r,
      firstResponseS: wait_s,
      handlingS: handling_s,
    }));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.position, id: last.id };
  }
}
