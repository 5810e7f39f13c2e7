import type { StoredEvent } from '../events/log';
import { logConversation } from '../inbox/log-change';
import type { Sql } from '../storage/db';
import { decideOffer, type QueueSettings, type RepLoad } from './strategies';

/**
 * Applies the strategies to stored conversations, inside the caller's transaction. The offer in
 * force lives on the conversation row (offered_to, offer_expires_at, tried), so any hub instance
 * can pick up a lapsed offer and exactly one does (the lapse sweep locks rows with skip locked).
 */

type QueueRow = {
  id: string;
  strategy: QueueSettings['strategy'];
  ring_size: number;
  offer_timeout_s: number;
  rr_cursor: string | null;
};
type PendingRow = {
  id: string;
  queue_id: string | null;
  offered_to: string[];
  tried: string[];
  offer_expires_at: Date | null;
};

/**
 * SQL condition over `r` (reps) and `q` (queues): the rep works in the queue's chat (FEATURES A2). A rep
 * who chose other chats is not part of this queue's routing at all: no offers, not counted available.
 * Nor is anyone in observer mode (FEATURES A4): they watch, they never take.
 */
export const WORKS_IN_QUEUE_CHAT =
  "(r.work_chats is null or q.chat_id = any(r.work_chats)) and coalesce(r.mode, r.role) <> 'observer'";

/** The queue's members who work in its chat, with their availability and load. */
export async function repLoads(tx: Sql, queueId: string): Promise<RepLoad[]> {
  const rows = await tx.query<{
    id: string;
    status: RepLoad['status'];
    position: number;
    capacity: number;
    active: string;
  }>(
    `select r.id, r.status, m.position, coalesce(m.capacity, q.default_capacity) as capacity,
            (select count(*) from conversations c where c.owner_id = r.id and c.status = 'active') as active
       from queue_members m join reps r on r.id = m.rep_id join queues q on q.id = m.queue_id
      where m.queue_id = $1 and ${WORKS_IN_QUEUE_CHAT}`,
    [queueId],
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    order: r.position,
    capacity: r.capacity,
    active: Number(r.active),
  }));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Decides and stores the offer for one pending conversation (row already locked by the caller or
 * locked here). Returns the event when the offer changed, or null when it stays as it was.
 */
export async function offer(
  tx: Sql,
  conversationId: string,
  now: number,
  opts: { log?: boolean } = {},
): Promise<StoredEvent | null> {
  const [conv] = await tx.query<PendingRow>(
    `select id, queue_id, offered_to, tried, offer_expires_at from conversations where id = $1 and status = 'pending' for no key update`,
    [conversationId],
  );
  if (!conv?.queue_id) return null;
  // `for no key update`, not `for update`: the conversation this transaction (or a concurrent one)
  // just inserted holds a key-share lock on its queue through the foreign key, which `for update` would
  // wait for — two first messages to one queue then deadlocked each other. A row lock that changes no
  // key never conflicts with a foreign key's, and two offers on one queue still queue on it.
  const [queue] = await tx.query<QueueRow>('select * from queues where id = $1 for no key update', [conv.queue_id]);
  const settings: QueueSettings = {
    strategy: queue.strategy,
    ringSize: queue.ring_size,
    offerTimeoutMs: queue.offer_timeout_s * 1000,
  };
  const decision = decideOffer(settings, await repLoads(tx, queue.id), new Set(conv.tried), queue.rr_cursor, now);
  const expires = decision.expiresAt === null ? null : new Date(decision.expiresAt);
  if (
    sameSet(decision.repIds, conv.offered_to) &&
    (conv.offer_expires_at?.getTime() ?? null) === (expires?.getTime() ?? null)
  )
    return null;
  await tx.query('update conversations set offered_to = $2, offer_expires_at = $3 where id = $1', [
    conv.id,
    decision.repIds,
    expires,
  ]);
  if (decision.cursor !== queue.rr_cursor)
    await tx.query('update queues set rr_cursor = $2 where id = $1', [queue.id, decision.cursor]);
  if (opts.log === false) return null;
  return (
    await logConversation(tx, 'conversation.updated', conv.id, {
      ownerId: null,
      offeredTo: conv.offered_to,
      readers: [],
    })
  ).event;
}

/**
 * Something changed the reps' availability or load in these queues: re-decide every waiting
 * conversation whose offer has no deadline (held, or broadcast) or went to someone no longer able
 * to take it. Oldest first, so a full queue drains in arrival order.
 */
export async function rerouteQueues(tx: Sql, queueIds: string[], now: number): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (const queueId of queueIds) {
    const loads = new Map((await repLoads(tx, queueId)).map((r) => [r.id, r]));
    const waiting = await tx.query<PendingRow>(
      `select id, queue_id, offered_to, tried, offer_expires_at from conversations where queue_id = $1 and status = 'pending' order by created_at, id`,
      [queueId],
    );
    for (const c of waiting) {
      const stale = c.offered_to.some((id) => {
        const r = loads.get(id);
        return !r || r.status !== 'online' || r.active >= r.capacity;
      });
      if (c.offer_expires_at !== null && !stale) continue;
      const e = await offer(tx, c.id, now);
      if (e) events.push(e);
    }
  }
  return events;
}

/** Queues a rep belongs to: where their availability or load matters. */
export async function queuesOfRep(tx: Sql, repId: string): Promise<string[]> {
  return (await tx.query<{ queue_id: string }>('select queue_id from queue_members where rep_id = $1', [repId])).map(
    (r) => r.queue_id,
  );
}
