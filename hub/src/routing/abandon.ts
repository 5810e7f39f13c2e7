import type { BusinessHours } from '#protocol';
import { writeTx, type StoredEvent } from '../events/log';
import { logConversation } from '../inbox/log-change';
import type { Db } from '../storage/db';
import { createLocalCluster, type Cluster } from '../cluster/cluster';
import { isOpen } from './hours';

/**
 * FEATURES C1, H4: a visitor who leaves while their conversation is being offered, before any rep joined,
 * abandoned it: it leaves every folder (analytics still count it). A visitor who wrote while nobody
 * was available left a message instead: that stays in Pending, and is counted missed — as is one
 * nobody joined before the chat's hours ended. Missed is recorded once (`missed_at`) and never
 * cleared, and a conversation already missed is never abandoned later (a left message offered when a
 * rep comes back stays a left message). Held conversations (no queue: the routing bot has them) are
 * neither: no rep was asked yet.
 */
export const ABANDON_AFTER_MS = 2 * 60_000;

const UNJOINED = `c.status = 'pending' and c.first_rep_at is null and c.missed_at is null and c.queue_id is not null`;

export async function abandonLeftConversations(db: Db, now: number): Promise<StoredEvent[]> {
  await markMissed(db, now);
  const cutoff = new Date(now - ABANDON_AFTER_MS);
  const due = `from conversations c join visitors v on v.id = c.visitor_id
     where ${UNJOINED} and cardinality(c.offered_to) > 0 and v.left_at <= $1`;
  const [any] = await db.query(`select 1 ${due} limit 1`, [cutoff]);
  if (!any) return [];
  return writeTx(db, async (tx) => {
    const rows = await tx.query<{ id: string; offered_to: string[] }>(
      `select c.id, c.offered_to ${due} for update of c skip locked`,
      [cutoff],
    );
    const events: StoredEvent[] = [];
    for (const c of rows) {
      await tx.query(
        `update conversations set status = 'abandoned', offered_to = '{}', offer_expires_at = null, closed_at = clock_timestamp() where id = $1`,
        [c.id],
      );
      events.push(
        (
          await logConversation(tx, 'conversation.updated', c.id, {
            ownerId: null,
            offeredTo: c.offered_to,
            readers: [],
          })
        ).event,
      );
    }
    return events;
  });
}

/**
 * Waiting conversations nobody joined become missed when their visitor left for good while no offer
 * was out (missed at the moment they left), or when their chat is outside its hours now. Nothing a
 * rep sees changes, so no event is logged.
 */
async function markMissed(db: Db, now: number): Promise<void> {
  await db.query(
    `update conversations c set missed_at = v.left_at, missed_reason = 'left'
       from visitors v
      where v.id = c.visitor_id and ${UNJOINED} and cardinality(c.offered_to) = 0 and v.left_at <= $1`,
    [new Date(now - ABANDON_AFTER_MS)],
  );
  const waiting = await db.query<{ id: string; hours: BusinessHours }>(
    `select ch.id, ch.hours from chats ch
      where ch.hours is not null and exists (select 1 from conversations c where c.chat_id = ch.id and ${UNJOINED})`,
  );
  const closed = waiting.filter((chat) => !isOpen(chat.hours, new Date(now))).map((chat) => chat.id);
  if (closed.length === 0) return;
  await db.query(
    `update conversations c set missed_at = $2, missed_reason = 'closed' where c.chat_id = any($1::text[]) and ${UNJOINED}`,
    [closed, new Date(now)],
  );
}

/**
 * The visitor's sockets on this hub: arriving clears `left_at`; the last one closing sets it unless
 * another live hub holds the visitor (FEATURES I6). The cluster's sweep sets it for a dead hub's
 * visitors with `reconcile`.
 */
export function createVisitorPresence(db: Db, now: () => number, cluster: Cluster = createLocalCluster()) {
  const open = new Map<string, number>();
  const held = cluster.holds('visitors');
  const setLeft = (ids: string[]) =>
    db.query('update visitors set left_at = $2 where id = any($1) and left_at is null', [ids, new Date(now())]);
  return {
    async arrived(visitorId: string) {
      open.set(visitorId, (open.get(visitorId) ?? 0) + 1);
      held.set(visitorId, '1');
      await db.query('update visitors set left_at = null where id = $1', [visitorId]);
    },
    left(visitorId: string) {
      const n = (open.get(visitorId) ?? 1) - 1;
      if (n > 0) return void open.set(visitorId, n);
      open.delete(visitorId);
      held.delete(visitorId);
      held
        .anywhere(visitorId)
        .catch(() => false)
        .then((elsewhere) => (elsewhere || open.has(visitorId) ? undefined : setLeft([visitorId])))
        .catch(() => {});
    },
    /**
     * Visitors a dead hub held (the cluster's sweep) whom no live hub holds now: they left when it
     * died. Only those: a visitor of a messaging channel never has a socket, and is never "left".
     */
    async reconcile(heldByDeadHubs: Iterable<string>): Promise<void> {
      const everywhere = await held.everywhere();
      const gone = [...heldByDeadHubs].filter((id) => !everywhere.has(id));
      if (gone.length > 0) await setLeft(gone);
    },
  };
}
export type VisitorPresence = ReturnType<typeof createVisitorPresence>;
