import type { RepServerFrame } from '#protocol';
import { META_LAST_EVENT_ID, type ParleyDb } from '#utils/db';

type SnapshotFrame = Extract<RepServerFrame, { type: 'snapshot' }>;

/**
 * A full re-sync from the hub (issue 14): the rep's resume point was older than the hub's event log
 * keeps, so instead of a replay it sends the inbox as it stands. The first page replaces the inbox
 * (conversations, their messages, notes and cards, templates, colleagues' statuses; unsent replies
 * stay in the outbox, CRM notices stay until dismissed); the last page sets the resume point, in the
 * same transaction, so a worker stopped half-way asks for a full re-sync again. Messages come back
 * as the panel opens each conversation (its `history` request).
 */
export async function applySnapshot(db: ParleyDb, frame: SnapshotFrame): Promise<void> {
  await db.transaction(
    'rw',
    [db.conversations, db.messages, db.notes, db.cards, db.templates, db.repStatus, db.meta],
    async () => {
      if (frame.first) {
        await Promise.all([
          db.conversations.clear(),
          db.messages.clear(),
          db.notes.clear(),
          db.cards.clear(),
          db.templates.clear(),
          db.repStatus.clear(),
        ]);
        await db.meta.delete(META_LAST_EVENT_ID);
      }
      await db.conversations.bulkPut(frame.conversations);
      await db.templates.bulkPut(frame.templates);
      await db.repStatus.bulkPut(frame.statuses);
      if (frame.last) await db.meta.put({ key: META_LAST_EVENT_ID, value: frame.lastEventId });
    },
  );
}
