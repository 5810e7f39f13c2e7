import type { Availability, Conversation, RepProfile, Template } from '#protocol';
import { logBarrier } from '../events/log';
import type { Db } from '../storage/db';
import { listTemplates } from '../templates/templates';
import { forViewer } from './folders';
import { CONVERSATION_SELECT, toSnapshot, type ConversationRow } from './rows';

/**
 * A rep's inbox as it stands (issue 14): what replaying the whole log would have left in their
 * extension, for a full re-sync when the log no longer holds all of it (events/retention.ts). The
 * conversations they have a view of (and, for a rep, the waiting ones of their chats, which they may
 * be offered next), the templates of their chats and their colleagues' availability. Messages are
 * not in it: the side panel asks for a conversation's history when it opens one.
 *
 * Read behind the log's barrier (no writer open), so it is exactly the state after event
 * `lastEventId`: the replay that follows starts there and misses nothing, repeats nothing.
 */
export interface InboxSnapshot {
  lastEventId: number;
  conversations: Conversation[];
  templates: Template[];
  statuses: { repId: string; status: Availability }[];
}

export function inboxSnapshot(
  db: Db,
  rep: Pick<RepProfile, 'id' | 'role'>,
  chats: string[] | 'all',
): Promise<InboxSnapshot> {
  return logBarrier(db, async (tx) => {
    // The floor counts when everything since was pruned too: the client must not resume below it.
    const [head] = await tx.query<{ id: string | null }>(
      'select greatest((select max(id) from events), (select pruned_through from event_log_floor)) as id',
    );
    const chatIds = chats === 'all' ? null : chats;
    const rows = await tx.query<ConversationRow>(
      `${CONVERSATION_SELECT}
        where c.status <> 'abandoned' and ($1::text[] is null or c.chat_id = any($1))
          and ($2 or c.status = 'pending' or c.owner_id = $3 or $3 = any(c.readers))
        order by c.created_at, c.id`,
      [chatIds, rep.role !== 'rep', rep.id],
    );
    const statuses = await tx.query<{ repId: string; status: Availability }>(
      `select distinct r.id as "repId", r.status from reps r join queue_members m on m.rep_id = r.id join queues q on q.id = m.queue_id
        where $1::text[] is null or q.chat_id = any($1)`,
      [chatIds],
    );
    return {
      lastEventId: Number(head?.id ?? 0),
      conversations: rows.map((r) => forViewer(toSnapshot(r), rep)),
      templates: await listTemplates(tx, chats),
      statuses,
    };
  });
}
