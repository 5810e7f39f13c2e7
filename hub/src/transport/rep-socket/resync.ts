import { LIMITS, type RepProfile, type RepServerFrame } from '#protocol';
import { logFloor } from '../../events/retention';
import { inboxSnapshot } from '../../inbox/snapshot';
import type { Db } from '../../storage/db';

/**
 * Where a rep's replay starts (issue 14). From their `hello`'s lastEventId while the log still holds
 * everything after it; when the log has pruned past it (events/retention.ts), a replay would leave a
 * hole — a deletion, a lost offer — so they get a full re-sync instead: their inbox as it stands, in
 * `snapshot` pages, and the replay continues after the event it stands at.
 */
export async function resumePoint(
  db: Db,
  rep: Pick<RepProfile, 'id' | 'role'>,
  chats: string[] | 'all',
  lastEventId: number,
  send: (f: RepServerFrame) => void,
): Promise<number> {
  if (lastEventId >= (await logFloor(db))) return lastEventId;
  const snapshot = await inboxSnapshot(db, rep, chats);
  const pages = Math.max(1, Math.ceil(snapshot.conversations.length / LIMITS.snapshotPage));
  for (let i = 0; i < pages; i++) {
    send({
      type: 'snapshot',
      first: i === 0,
      last: i === pages - 1,
      lastEventId: snapshot.lastEventId,
      conversations: snapshot.conversations.slice(i * LIMITS.snapshotPage, (i + 1) * LIMITS.snapshotPage),
      templates: i === 0 ? snapshot.templates : [],
      statuses: i === 0 ? snapshot.statuses : [],
    });
  }
  return snapshot.lastEventId;
}
