import type { HubEvent } from '#protocol';
import { LOG_LIMITS } from '#protocol';
import type { Db, Sql } from '../storage/db';
import { countAppended, timeWrite } from '../metrics/metrics';

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

/** The log's advisory lock: every writer holds it shared; only a full re-sync's read takes it alone (logBarrier). */
const LOG_LOCK = 4242002;
/**
 * A writer's first statement. The shared lock lets writers run side by side; the transaction id is
 * taken before any event id is drawn, so a reader that saw an id drawn finds its writer among the
 * transactions still open (watermark.ts).
 */
const ENTER_LOG = 'select pg_advisory_xact_lock_shared($1), pg_current_xact_id()::text';
/** Transactions (the adapter makes one Sql per transaction) that have run ENTER_LOG. */
const entered = new WeakSet<Sql>();

async function enterLog(tx: Sql): Promise<void> {
  if (entered.has(tx)) return;
  await tx.query(ENTER_LOG, [LOG_LOCK]);
  entered.add(tx);
}

const isDeadlock = (err: unknown) => (err as { code?: unknown } | null)?.code === '40P01';

/**
 * Every transaction that may append events runs through here. Writers of different chats (and of
 * the same chat) run at the same time: each rule that must hold under concurrency holds by row locks
 * and conditional updates, never by a queue of writers. Two writers locking the same rows in a
 * different order can deadlock; PostgreSQL aborts one and it runs again (LOG_LIMITS.writeAttempts),
 * so `fn` must have no effect outside the database. Readers never deliver an id before every lower
 * one is final (watermark.ts).
 */
export async function writeTx<T>(db: Db, fn: (tx: Sql) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const stop = timeWrite();
    try {
      const result = await db.transaction(async (tx) => {
        // PGlite runs one transaction at a time: no writer to order against, no open transaction for
        // a reader to wait on (the feed reads it as serial, watermark.ts), so the lock is not taken.
        if (db.kind === 'pglite') entered.add(tx);
        else await enterLog(tx);
        return fn(tx);
      });
      stop();
      return result;
    } catch (err) {
      if (attempt >= LOG_LIMITS.writeAttempts || !isDeadlock(err)) throw err;
    }
  }
}

/**
 * Runs `fn` while no writer is open (it waits for those that are, and holds new ones back), so what
 * it reads is exactly the state after the log's last event: for a full re-sync (inbox/snapshot.ts),
 * which is rare. Nothing it runs may append.
 */
export function logBarrier<T>(db: Db, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOG_LOCK]);
    return fn(tx);
  });
}

/** Appends inside the caller's transaction (writeTx's, or any transaction: it enters the log first). */
export async function appendEvent(tx: Sql, e: NewEvent, routing: Routing = {}): Promise<StoredEvent> {
  await enterLog(tx);
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
  countAppended();
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
 * Events after `afterId` up to `upTo` in the given chats, oldest first, one page at a time. `upTo`
 * is a watermark (watermark.ts; the feed's position): past it a lower id may still commit. With
 * `personalFor`, also that rep's personal notifications from any chat (they go to their addressee
 * wherever they work). Erasures (FEATURES H6) are hub-wide and go to every rep: a copy may be cached anywhere;
 * so do card changes (`contact.changed`, issue 20): any rep may be viewing the card.
 */
export async function readEvents(
  db: Sql,
  afterId: number,
  upTo: number,
  chatIds: string[] | 'all',
  limit: number,
  personalFor?: string,
): Promise<StoredEvent[]> {
  const rows =
    chatIds === 'all'
      ? await db.query<EventRow>('select * from events where id > $1 and id <= $2 order by id limit $3', [
          afterId,
          upTo,
          limit,
        ])
      : await db.query<EventRow>(
          `select * from events where id > $1 and id <= $5 and (chat_id = any($2) or (kind = 'crm.notification' and $4::text = any(audience)) or kind in ('person.erased', 'contact.changed')) order by id limit $3`,
          [afterId, chatIds, limit, personalFor ?? null, upTo],
        );
  return rows.map(fromRow);
}
