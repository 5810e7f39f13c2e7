import type { Availability, Message, RepProfile } from '../../../protocol';
import { appendEvent, type StoredEvent } from '../events/log';
import type { Db, Sql } from '../storage/db';
import { HubError } from './errors';
import { newId } from './ids';
import { once } from './once';
import { loadConversation, preview, toMessage, type MessageRow } from './rows';

/** What a rep may do to a conversation. Every rule is decided here, inside a transaction. */

type ConvLock = { id: string; chat_id: string; visitor_id: string; status: string; owner_id: string | null };

/** Chats whose conversations a rep may see: supervisors and super users see every chat. */
export async function chatsForRep(db: Sql, rep: Pick<RepProfile, 'id' | 'role'>): Promise<string[] | 'all'> {
  if (rep.role !== 'rep') return 'all';
  const rows = await db.query<{ chat_id: string }>(
    'select distinct q.chat_id from queue_members m join queues q on q.id = m.queue_id where m.rep_id = $1',
    [rep.id],
  );
  return rows.map((r) => r.chat_id);
}

async function lockConversation(tx: Sql, rep: RepProfile, conversationId: string): Promise<ConvLock> {
  const [conv] = await tx.query<ConvLock>('select id, chat_id, visitor_id, status, owner_id from conversations where id = $1 for update', [conversationId]);
  const chats = conv && (await chatsForRep(tx, rep));
  if (!conv || (chats !== 'all' && !chats.includes(conv.chat_id))) throw new HubError('not_found', 'no such conversation');
  if (rep.role === 'observer') throw new HubError('forbidden', 'observers cannot take or reply');
  return conv;
}

async function claim(tx: Sql, rep: RepProfile, conv: ConvLock): Promise<StoredEvent> {
  // Conditional update: of any number of concurrent claims, exactly one finds the row still pending.
  const claimed = await tx.query('update conversations set status = $3, owner_id = $2 where id = $1 and status = $4 returning id', [conv.id, rep.id, 'active', 'pending']);
  if (claimed.length === 0) throw new HubError('conflict', 'this conversation was already taken');
  const conversation = (await loadConversation(tx, conv.id))!;
  return appendEvent(tx, { kind: 'conversation.updated', chatId: conv.chat_id, conversation }, { conversationId: conv.id, visitorId: conv.visitor_id });
}

/** Take a pending conversation. A retry with the same client id is answered as the first try was. */
export async function takeConversation(db: Db, rep: RepProfile, conversationId: string, clientId: string): Promise<StoredEvent[]> {
  return db.transaction(async (tx) => {
    const events: StoredEvent[] = [];
    await once(tx, `r:${rep.id}`, clientId, 'take', async () => {
      const conv = await lockConversation(tx, rep, conversationId);
      if (conv.status !== 'pending') {
        throw new HubError('conflict', conv.owner_id === rep.id ? 'you already have this conversation' : 'this conversation was already taken');
      }
      events.push(await claim(tx, rep, conv));
      return { conversationId };
    });
    return events;
  });
}

export interface RepSend { conversationId: string; clientId: string; text: string }

/** A rep's reply; the first reply to a pending conversation claims it (SPEC C3). Retries are answered, not stored twice. */
export async function postRepMessage(db: Db, rep: RepProfile, send: RepSend): Promise<{ message: Message; events: StoredEvent[]; visitorId: string }> {
  return db.transaction(async (tx) => {
    const conv = await lockConversation(tx, rep, send.conversationId);
    const senderKey = `r:${rep.id}`;
    const [dupe] = await tx.query<MessageRow>('select * from messages where sender_key = $1 and client_id = $2', [senderKey, send.clientId]);
    if (dupe) return { message: toMessage(dupe), events: [], visitorId: conv.visitor_id };

    const events: StoredEvent[] = [];
    if (conv.status === 'pending') events.push(await claim(tx, rep, conv));
    else if (conv.status !== 'active') throw new HubError('conflict', 'this conversation is closed');
    else if (conv.owner_id !== rep.id && rep.role !== 'admin') throw new HubError('forbidden', 'another rep owns this conversation');
    const owner = conv.status === 'pending' ? rep.id : conv.owner_id!;

    const [row] = await tx.query<MessageRow>(
      `insert into messages (id, conversation_id, sender_key, client_id, author, author_name, rep_id, text, created_at)
       values ($1, $2, $3, $4, 'rep', $5, $6, $7, clock_timestamp()) returning *`,
      [newId('m'), conv.id, senderKey, send.clientId, rep.name, rep.id, send.text],
    );
    await tx.query('update conversations set last_message_at = $2, last_message_preview = $3 where id = $1', [conv.id, row.created_at, preview(send.text)]);
    const message = toMessage(row);
    events.push(await appendEvent(tx, { kind: 'message.created', chatId: conv.chat_id, message }, { conversationId: conv.id, visitorId: conv.visitor_id, audience: [owner] }));
    return { message, events, visitorId: conv.visitor_id };
  });
}

async function recordStatus(tx: Sql, rep: RepProfile, status: Availability): Promise<StoredEvent[]> {
  await tx.query('update reps set status = $2 where id = $1', [rep.id, status]);
  const chats = await chatsForRep(tx, rep);
  const ids = chats === 'all' ? (await tx.query<{ id: string }>('select id from chats')).map((c) => c.id) : chats;
  const events: StoredEvent[] = [];
  for (const chatId of ids) events.push(await appendEvent(tx, { kind: 'rep.status', chatId, repId: rep.id, status }));
  return events;
}

/** Availability changes: from the rep (with a client id, so a retry is answered once) or from presence. */
export async function setRepStatus(db: Db, rep: RepProfile, status: Availability, clientId?: string): Promise<StoredEvent[]> {
  return db.transaction(async (tx) => {
    if (!clientId) return recordStatus(tx, rep, status);
    let events: StoredEvent[] = [];
    await once(tx, `r:${rep.id}`, clientId, 'setStatus', async () => {
      events = await recordStatus(tx, rep, status);
      return { status };
    });
    return events;
  });
}
