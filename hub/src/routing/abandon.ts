import { writeTx, type StoredEvent } from '../events/log';
import { logConversation } from '../inbox/log-change';
import type { Db } from '../storage/db';

/**
 * SPEC C1: a visitor who leaves while their conversation is being offered, before any rep joined,
 * abandoned it: it leaves every folder (analytics still count it). A visitor who wrote while nobody
 * was available left a message instead: that stays in Pending.
 */
export const ABANDON_AFTER_MS = 2 * 60_000;

export async function abandonLeftConversations(db: Db, now: number): Promise<StoredEvent[]> {
  const cutoff = new Date(now - ABANDON_AFTER_MS);
  const due = `from conversations c join visitors v on v.id = c.visitor_id
     where c.status = 'pending' and c.first_rep_at is null and cardinality(c.offered_to) > 0 and v.left_at <= $1`;
  const [any] = await db.query(`select 1 ${due} limit 1`, [cutoff]);
  if (!any) return [];
  return writeTx(db, async (tx) => {
    const rows = await tx.query<{ id: string; offered_to: string[] }>(`select c.id, c.offered_to ${due} for update of c skip locked`, [cutoff]);
    const events: StoredEvent[] = [];
    for (const c of rows) {
      await tx.query(`update conversations set status = 'abandoned', offered_to = '{}', offer_expires_at = null, closed_at = clock_timestamp() where id = $1`, [c.id]);
      events.push((await logConversation(tx, 'conversation.updated', c.id, { ownerId: null, offeredTo: c.offered_to, readers: [] })).event);
    }
    return events;
  });
}

/** The visitor's sockets on this hub: arriving clears `left_at`; the last one closing sets it. */
export function createVisitorPresence(db: Db, now: () => number) {
  const open = new Map<string, number>();
  return {
    async arrived(visitorId: string) {
      open.set(visitorId, (open.get(visitorId) ?? 0) + 1);
      await db.query('update visitors set left_at = null where id = $1', [visitorId]);
    },
    left(visitorId: string) {
      const n = (open.get(visitorId) ?? 1) - 1;
      if (n > 0) return void open.set(visitorId, n);
      open.delete(visitorId);
      db.query('update visitors set left_at = $2 where id = $1', [visitorId, new Date(now())]).catch(() => {});
    },
  };
}
export type VisitorPresence = ReturnType<typeof createVisitorPresence>;
