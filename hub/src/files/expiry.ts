import { FILE_LIMITS } from '#protocol';
import { writeTx, type StoredEvent } from '../events/log';
import { loadConversation } from '../inbox/rows';
import type { Db } from '../storage/db';
import type { FileRow } from './records';
import { decide } from './review';

/**
 * Visitor files nobody reviewed (FEATURES D4, I4): a stranger's upload does not wait on disk for ever. One
 * still pending FILE_LIMITS.unreviewedHours after it came is rejected by the hub as a rep's rejection
 * would be (review.ts: the row, the message, a `message.updated` event), with no reviewer; its bytes
 * are deleted by the caller once this has committed. Returns the ids to delete and the events.
 */
export async function expireUnreviewedFiles(db: Db, now: number): Promise<{ ids: string[]; events: StoredEvent[] }> {
  const cutoff = new Date(now - FILE_LIMITS.unreviewedHours * 3_600_000);
  const due = `from files where uploader = 'visitor' and status = 'pending' and created_at <= $1`;
  const [any] = await db.query(`select 1 ${due} limit 1`, [cutoff]);
  if (!any) return { ids: [], events: [] };
  return writeTx(db, async (tx) => {
    const files = await tx.query<FileRow>(`select * ${due} order by created_at for update skip locked`, [cutoff]);
    const events: StoredEvent[] = [];
    for (const file of files) {
      const conv = await loadConversation(tx, file.conversation_id);
      if (conv) events.push(await decide(tx, file, conv, 'rejected', null));
    }
    return { ids: files.map((f) => f.id), events };
  });
}

/** How often the hub's sweep looks for files past their wait (by the hub's clock): they wait days, a minute late is nothing. */
const CHECK_EVERY_MS = 60_000;

/** The sweep the hub's timer runs each second: at most once a minute it rejects the files due and deletes their bytes. */
export function createFileExpiry(db: Db, files: { remove(id: string): Promise<void> }, now: () => number) {
  let checkedAt = -Infinity;
  return async function sweep(): Promise<StoredEvent[]> {
    if (now() - checkedAt < CHECK_EVERY_MS) return [];
    checkedAt = now();
    const { ids, events } = await expireUnreviewedFiles(db, now());
    for (const id of ids) await files.remove(id);
    return events;
  };
}
