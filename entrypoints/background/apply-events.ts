import type { HubEvent } from '../../protocol';
import { META_LAST_EVENT_ID, type ParleyDb } from '../../utils/db';

/**
 * Writes hub events into Dexie. Each batch is one transaction that also moves lastEventId, so a
 * worker killed mid-batch leaves either all of it or none; on resume the hub replays from the
 * stored id. Events at or below the stored id are skipped, so a replay never applies twice.
 *
 * Returns how many events were actually applied.
 */
export async function applyEvents(db: ParleyDb, events: readonly HubEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction('rw', [db.conversations, db.messages, db.outbox, db.meta, db.repStatus], async () => {
    const row = await db.meta.get(META_LAST_EVENT_ID);
    let lastEventId = typeof row?.value === 'number' ? row.value : 0;
    let applied = 0;
    for (const event of events) {
      if (event.id <= lastEventId) continue;
      await applyOne(db, event);
      lastEventId = event.id;
      applied++;
    }
    if (applied > 0) await db.meta.put({ key: META_LAST_EVENT_ID, value: lastEventId });
    return applied;
  });
}

async function applyOne(db: ParleyDb, event: HubEvent): Promise<void> {
  switch (event.kind) {
    case 'conversation.opened':
    case 'conversation.updated':
      // Events carry the whole conversation, so an upsert is the complete update.
      await db.conversations.put(event.conversation);
      return;
    case 'message.created':
      await db.messages.put(event.message);
      // The hub's copy of an outbox reply has arrived: the reply is delivered even if its ack was lost.
      if (event.message.clientId) await db.outbox.delete(event.message.clientId);
      return;
    case 'rep.status':
      await db.repStatus.put({ repId: event.repId, status: event.status });
      return;
  }
}

/** Pending conversations: the number on the toolbar badge. */
export function countPending(db: ParleyDb): Promise<number> {
  return db.conversations.where('status').equals('pending').count();
}
