import type { Conversation } from '#protocol';
import { appendEvent, type StoredEvent } from '../events/log';
import type { Sql } from '../storage/db';
import { stakeholders, type ConversationSnapshot } from './folders';
import { loadConversation } from './rows';

type Holders = Pick<ConversationSnapshot, 'ownerId' | 'offeredTo' | 'readers'>;

/**
 * Who receives events about a conversation. While it waits, every rep of the chat does (any of them
 * may be offered it next, and must then have its messages); once a rep has it, only those with a view
 * of it before or after the change — so a rep who just lost it hears of it and drops it.
 */
export function audienceOf(now: Holders & { status: string }, before: Holders | null = null): string[] | null {
  if (now.status === 'pending') return null;
  return [...new Set([...(before ? stakeholders(before) : []), ...stakeholders(now)])];
}

/**
 * Logs a conversation's new state. Its audience is everyone with a view of it before or after the
 * change, so a rep who just lost it (taken by someone else, offer moved on) hears of it and drops it.
 * The payload is the snapshot; each rep's socket turns it into that rep's folder and access.
 */
export async function logConversation(
  tx: Sql,
  kind: 'conversation.opened' | 'conversation.updated',
  conversationId: string,
  before: Holders | null,
): Promise<{ snapshot: ConversationSnapshot; event: StoredEvent }> {
  const snapshot = (await loadConversation(tx, conversationId))!;
  const audience = audienceOf(snapshot, before);
  const event = await appendEvent(
    tx,
    { kind, chatId: snapshot.chatId, conversation: snapshot as unknown as Conversation },
    { conversationId, visitorId: snapshot.visitorId, audience },
  );
  return { snapshot, event };
}
