import type { StoredEvent } from '../events/log';
import { updated } from '../inbox/commands';
import { loadConversation } from '../inbox/rows';
import { offer } from '../routing/route';
import type { Sql } from '../storage/db';

/**
 * A disabled or deleted rep's active conversations go back to waiting in their queue (or the chat's
 * first queue when theirs is gone) and are offered afresh, as a transfer to a queue does: no visitor
 * is left with a rep who can no longer answer. The rep stays their previous owner.
 */
export async function releaseConversations(tx: Sql, repId: string, now: number): Promise<StoredEvent[]> {
  const rows = await tx.query<{ id: string }>(
    `select id from conversations where owner_id = $1 and status = 'active' order by id for no key update`,
    [repId],
  );
  const events: StoredEvent[] = [];
  for (const { id } of rows) {
    const before = (await loadConversation(tx, id))!;
    await tx.query(
      `update conversations c set status = 'pending', owner_id = null, previous_owner_id = $2, offered_to = '{}', offer_expires_at = null, tried = '{}',
              queue_id = coalesce(c.queue_id, (select q.id from queues q where q.chat_id = c.chat_id order by q.name, q.id limit 1))
        where c.id = $1`,
      [id, repId],
    );
    await offer(tx, id, now, { log: false });
    events.push(await updated(tx, before));
  }
  return events;
}
