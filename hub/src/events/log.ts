import type { HubEvent } from '#protocol';
import type { Db, Sql } from '../storage/db';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the log gives it an id and a time. */
export type NewEvent = DistributiveOmit<HubEvent, 'id' | 'at'>;

/** An event as stored: the wire event plus who may receive it. */
export interface StoredEvent {
  event: HubEvent;
  conversationId: string | null;
  visitorId: string | null;
  /** Reps (besides supervisors) allowed to see it; null = every rep of the chat. */
  audience: string[] | null;
}

export interface Routing {
  conversationId?: string | null;
  visitorId?: string | null;
  audience?: string[] | null;
}

type EventRow = {
  id: string | number;
  chat_id: string;
  conversation_id: string | null;
  visitor_id: string | null;
  audience: string[] | null;
  payload: Record<string, unknown>;
  created_at: Date;
};

const fromRow = (r: EventRow): StoredEvent => ({
  event: { ...r.payload, id: Number(r.id), at: r.created_at.toISOString(), chatId: r.chat_id } as HubEvent,
  conversationId: r.conversation_id,
  visitorId: r.visitor_id,
  audience: r.audience,
});

const LOG_LOCK = 4242002;

/**
 * Every transaction that may append events runs through here. It takes the log's lock first and
 * holds it to commit: ids become visible in commit order (a reader resuming "after id N" can never
 * skip a late-committing lower id), and because it comes before any row lock, two writers can never
 * deadlock. The price is one writer at a time per database — ample for a chat hub; partitioning the
 * lock by chat is the way out when it is not.
 */
export function writeTx<T>(db: Db, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOG_LOCK]);
    return fn(tx);
  });
}

/** Appends inside the caller's transaction (which holds the log lock, see writeTx). */
export async function appendEvent(tx: Sql, e: NewEvent, routing: Routing = {}): Promise<StoredEvent> {
  // Re-entrant: a no-op under writeTx, and it keeps a stray caller correct.
  await tx.query('select pg_advisory_xact_lock($1)', [LOG_LOCK]);
  const { chatId, ...payload } = e;
  const [row] = await tx.query<EventRow>(
    `insert into events (chat_id, conversation_id, visitor_id, audience, kind, payload)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [
      chatId,
      routing.conversationId ?? null,
      routing.visitorId ?? null,
      routing.audience ?? null,
      e.kind,
      JSON.stringify(payload),
    ],
  );
  return fromRow(row);
}

/**
 * A deleted conversation leaves nothing in the log (issue 14): its events go. A CRM notification
 * routed with it is the record's, not the conversation's: it stays, with the conversation
 * redacted out of it. Runs in the deleting transaction, before its own `conversation.deleted`.
 */
export async function purgeConversationEvents(tx: Sql, conversationId: string): Promise<void> {
  await tx.query(`delete from events where conversation_id = $1 and kind <> 'crm.notification'`, [conversationId]);
  await tx.query(
    `update events set conversation_id = null, payload = jsonb_set(payload, '{notification,conversationId}', 'null')
      where conversation_id = $1 and kind = 'crm.notification'`,
    [conversationId],
  );
}

/**
 * Events after `afterId` in the given chats, oldest first, one page at a time. With `personalFor`,
 * also that rep's personal notifications from any chat (they go to their addressee wherever they work).
 * Erasures (FEATURES H6) are hub-wide and go to every rep: a copy may be cached anywhere.
 */
export async function readEvents(
  db: Sql,
  afterId: number,
  chatIds: string[] | 'all',
  limit: number,
  personalFor?: string,
): Promise<StoredEvent[]> {
  const rows =
    chatIds === 'all'
      ? await db.query<EventRow>('select * from events where id > $1 order by id limit $2', [afterId, limit])
      : await db.query<EventRow>(
          `select * from events where id > $1 and (chat_id = any($2) or (kind = 'crm.notification' and $4::text = any(audience)) or kind = 'person.erased') order by id limit $3`,
          [afterId, chatIds, limit, personalFor ?? null],
        );
  return rows.map(fromRow);
}

export async function headEventId(db: Sql): Promise<number> {
  const [row] = await db.query<{ id: string | null }>('select max(id) as id from events');
  return Number(row?.id ?? 0);
}
