import { appendEvent, type StoredEvent } from '../events/log';
import { audienceOf } from '../inbox/log-change';
import { loadConversation, toMessage, type MessageRow } from '../inbox/rows';
import type { Sql } from '../storage/db';

/** A channel message changed (its delivery): logged as `message.updated` for everyone with a view of its conversation. */
export async function logMessageUpdated(tx: Sql, row: MessageRow): Promise<StoredEvent> {
  const conv = (await loadConversation(tx, row.conversation_id))!;
  return appendEvent(
    tx,
    { kind: 'message.updated', chatId: conv.chatId, message: toMessage(row) },
    { conversationId: conv.id, visitorId: conv.visitorId, audience: audienceOf(conv) },
  );
}
