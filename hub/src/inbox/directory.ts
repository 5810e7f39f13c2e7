import { LIMITS, type Message, type QueueSummary, type RepProfile, type RepSummary } from '#protocol';
import { HubError } from './errors';
import { accessFor, type ConversationSnapshot } from './folders';
import { loadConversation, toMessage, type MessageRow } from './rows';
import type { Sql } from '../storage/db';
import { chatsForRep } from './rep';

/** Who and what a rep can transfer to: colleagues in their chats (by name or extension), and queues. */

export async function searchReps(db: Sql, rep: RepProfile, query: string): Promise<RepSummary[]> {
  const chats = await chatsForRep(db, rep);
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.query<RepSummary & { extension: string | null }>(
    `select distinct r.id, r.name, r.extension, r.status from reps r
       join queue_members m on m.rep_id = r.id join queues q on q.id = m.queue_id
      where r.disabled_at is null and r.deleted_at is null
        and ($1::text[] is null or q.chat_id = any($1)) and (r.name ilike $2 or coalesce(r.extension, '') ilike $2)
      order by r.name limit $3`,
    [chats === 'all' ? null : chats, pattern, LIMITS.repSearchResults],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, extension: r.extension, status: r.status }));
}

export async function queuesForRep(db: Sql, rep: RepProfile): Promise<QueueSummary[]> {
  const chats = await chatsForRep(db, rep);
  const rows = await db.query<{ id: string; chat_id: string; name: string }>(
    'select id, chat_id, name from queues where ($1::text[] is null or chat_id = any($1)) order by chat_id, name',
    [chats === 'all' ? null : chats],
  );
  return rows.map((q) => ({ id: q.id, chatId: q.chat_id, name: q.name }));
}

/** The conversation, if this rep may read it (any access but none, in a chat they work in); otherwise not_found. */
export async function readableConversation(
  db: Sql,
  rep: RepProfile,
  conversationId: string,
): Promise<ConversationSnapshot> {
  const conv = await loadConversation(db, conversationId);
  const chats = await chatsForRep(db, rep);
  if (!conv || (chats !== 'all' && !chats.includes(conv.chatId)) || accessFor(conv, rep) === 'none')
    throw new HubError('not_found', 'no such conversation');
  return conv;
}

/** The latest messages of a conversation, for a rep who may see it (any access but none). */
export async function conversationHistory(db: Sql, rep: RepProfile, conversationId: string): Promise<Message[]> {
  await readableConversation(db, rep, conversationId);
  const rows = await db.query<MessageRow>(
    `select * from (select * from messages where conversation_id = $1 order by created_at desc, id desc limit $2) m order by created_at, id`,
    [conversationId, LIMITS.repHistory],
  );
  return rows.map(toMessage);
}
