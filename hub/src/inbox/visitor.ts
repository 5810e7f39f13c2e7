import { LIMITS, type Message, type VisitorMessage } from '../../../protocol';
import { appendEvent, type StoredEvent } from '../events/log';
import type { Db, Sql } from '../storage/db';
import { HubError } from './errors';
import { newId } from './ids';
import { loadConversation, preview, toMessage, type MessageRow } from './rows';

/** What the visitor side of the hub does: find the chat, keep the visitor, store their messages. */

export type ChatRow = { id: string; key: string; name: string };

export async function findChat(db: Sql, key: string): Promise<ChatRow | null> {
  const [chat] = await db.query<ChatRow>('select id, key, name from chats where key = $1', [key]);
  return chat ?? null;
}

export async function touchVisitor(db: Sql, chatId: string, visitorId: string): Promise<void> {
  await db.query(
    `insert into visitors (id, chat_id) values ($1, $2)
     on conflict (id) do update set last_seen_at = now()`,
    [visitorId, chatId],
  );
}

export const toVisitorMessage = (m: Message): VisitorMessage => ({
  id: m.id, clientId: m.clientId, author: m.author, authorName: m.authorName, text: m.text, createdAt: m.createdAt,
});

/** The visitor's open conversation (if any) and its latest messages, for (re)joining. */
export async function visitorHistory(db: Sql, chatId: string, visitorId: string) {
  const [conv] = await db.query<{ id: string }>(
    `select id from conversations where visitor_id = $1 and chat_id = $2 and status in ('pending', 'active')`,
    [visitorId, chatId],
  );
  if (!conv) return { conversationId: null, messages: [] as VisitorMessage[] };
  const rows = await db.query<MessageRow>(
    `select * from (select * from messages where conversation_id = $1 order by created_at desc, id desc limit $2) m
      order by created_at, id`,
    [conv.id, LIMITS.visitorHistory],
  );
  return { conversationId: conv.id, messages: rows.map((r) => toVisitorMessage(toMessage(r))) };
}

export interface VisitorSend { chatId: string; visitorId: string; clientId: string; text: string; pageUrl: string }

/**
 * Stores a visitor's message exactly once (a retry with the same client id returns the first
 * result) and opens a pending conversation when the visitor has none.
 */
export async function postVisitorMessage(db: Db, send: VisitorSend): Promise<{ message: Message; events: StoredEvent[] }> {
  return db.transaction(async (tx) => {
    // Lock the visitor: their sends are serialised, so one open conversation and no double insert.
    const [visitor] = await tx.query('select id from visitors where id = $1 for update', [send.visitorId]);
    if (!visitor) throw new HubError('not_found', 'unknown visitor');
    const senderKey = `v:${send.visitorId}`;
    const [dupe] = await tx.query<MessageRow>('select * from messages where sender_key = $1 and client_id = $2', [senderKey, send.clientId]);
    if (dupe) return { message: toMessage(dupe), events: [] };

    const events: StoredEvent[] = [];
    let [conv] = await tx.query<{ id: string; owner_id: string | null }>(
      `select id, owner_id from conversations where visitor_id = $1 and chat_id = $2 and status in ('pending', 'active') for update`,
      [send.visitorId, send.chatId],
    );
    const opened = !conv;
    if (!conv) {
      conv = { id: newId('c'), owner_id: null };
      await tx.query('insert into conversations (id, chat_id, visitor_id) values ($1, $2, $3)', [conv.id, send.chatId, send.visitorId]);
    }
    const [row] = await tx.query<MessageRow>(
      `insert into messages (id, conversation_id, sender_key, client_id, author, text, page_url, created_at)
       values ($1, $2, $3, $4, 'visitor', $5, $6, clock_timestamp()) returning *`,
      [newId('m'), conv.id, senderKey, send.clientId, send.text, send.pageUrl],
    );
    await tx.query('update conversations set last_message_at = $2, last_message_preview = $3 where id = $1', [conv.id, row.created_at, preview(send.text)]);
    const routing = { conversationId: conv.id, visitorId: send.visitorId, audience: conv.owner_id ? [conv.owner_id] : null };
    if (opened) {
      const conversation = (await loadConversation(tx, conv.id))!;
      events.push(await appendEvent(tx, { kind: 'conversation.opened', chatId: send.chatId, conversation }, routing));
    }
    const message = toMessage(row);
    events.push(await appendEvent(tx, { kind: 'message.created', chatId: send.chatId, message }, routing));
    return { message, events };
  });
}

/** Visitors are anonymous until they give an email; then every open conversation shows it. */
export async function identifyVisitor(db: Db, chatId: string, visitorId: string, email: string, name?: string): Promise<StoredEvent[]> {
  return db.transaction(async (tx) => {
    await tx.query('update visitors set email = $2, name = coalesce($3, name) where id = $1', [visitorId, email, name ?? null]);
    const convs = await tx.query<{ id: string; owner_id: string | null }>(
      `select id, owner_id from conversations where visitor_id = $1 and status in ('pending', 'active')`,
      [visitorId],
    );
    const events: StoredEvent[] = [];
    for (const c of convs) {
      const conversation = (await loadConversation(tx, c.id))!;
      events.push(await appendEvent(tx, { kind: 'conversation.updated', chatId, conversation }, { conversationId: c.id, visitorId }));
    }
    return events;
  });
}
