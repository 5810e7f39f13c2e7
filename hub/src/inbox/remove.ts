import { crmConnector } from '../crm/registry';
import { appendEvent, purgeConversationEvents, type StoredEvent } from '../events/log';
import type { Sql } from '../storage/db';
import { stakeholders, type ConversationSnapshot } from './folders';
import type { RepProfile } from '#protocol';

/**
 * The one way a conversation is deleted for good (FEATURES C7, issue 14), whoever deletes it — its
 * owner, retention (H6) or an erasure (H6): the row with its messages, notes and files' rows (their
 * bytes are the caller's to remove once this commits), its events from the log, its chat summary in
 * the customer store. Only a `conversation.deleted` with its id stays, so everyone who could see it
 * drops their copy. Runs in the caller's transaction, which holds the log's lock (writeTx).
 */
export async function removeConversation(
  tx: Sql,
  conv: Pick<ConversationSnapshot, 'id' | 'chatId' | 'visitorId' | 'ownerId' | 'offeredTo' | 'readers'>,
  call: { now: number; actor: RepProfile | null },
): Promise<StoredEvent> {
  await tx.query('delete from conversations where id = $1', [conv.id]);
  await purgeConversationEvents(tx, conv.id);
  await crmConnector().forgetConversation({ tx, ...call }, conv.id);
  return appendEvent(
    tx,
    { kind: 'conversation.deleted', chatId: conv.chatId, conversationId: conv.id },
    { conversationId: conv.id, visitorId: conv.visitorId, audience: stakeholders(conv) },
  );
}

/** The ids of the files these conversations hold: their bytes go once the deletion has committed. */
export async function filesOf(tx: Sql, conversationIds: readonly string[]): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const rows = await tx.query<{ id: string }>('select id from files where conversation_id = any($1)', [
    conversationIds,
  ]);
  return rows.map((r) => r.id);
}

/** Removes each of these conversations (see removeConversation), in the caller's transaction; their `conversation.deleted` events. */
export async function removeConversations(
  tx: Sql,
  ids: readonly string[],
  call: { now: number; actor: RepProfile | null },
): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    chat_id: string;
    visitor_id: string;
    owner_id: string | null;
    offered_to: string[];
    readers: string[];
  }>(
    'select id, chat_id, visitor_id, owner_id, offered_to, readers from conversations where id = any($1) order by id',
    [ids],
  );
  const events: StoredEvent[] = [];
  for (const c of rows) {
    const conv = { id: c.id, chatId: c.chat_id, visitorId: c.visitor_id, ownerId: c.owner_id };
    events.push(await removeConversation(tx, { ...conv, offeredTo: c.offered_to, readers: c.readers }, call));
  }
  return events;
}
