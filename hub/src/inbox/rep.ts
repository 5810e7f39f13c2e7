import type { Availability, Message, ProductCardPayload, RepProfile } from '#protocol';
import { appendEvent, writeTx, type StoredEvent } from '../events/log';
import { queuesOfRep, rerouteQueues } from '../routing/route';
import type { Db, Sql } from '../storage/db';
import { attachmentOf, insertFile, type NewFile } from '../files/records';
import { HubError } from './errors';
import { accessFor, type ConversationSnapshot } from './folders';
import { newId } from '../storage/ids';
import { audienceOf, logConversation } from './log-change';
import { JOINED } from './joined';
import { once } from './once';
import { loadConversation, preview, toMessage, type MessageRow } from './rows';
import { RULES, type InboxCommand, type Subject } from './rules';
import { checkReply, enqueueReply } from '../channels/outbox';
import type { OutboundRequest } from '../channels/senders/types';

/** What a rep may do to a conversation. Every rule is decided here, inside one transaction. */

/** Chats whose conversations a rep may see: supervisors and super users see every chat. */
export async function chatsForRep(db: Sql, rep: Pick<RepProfile, 'id' | 'role'>): Promise<string[] | 'all'> {
  if (rep.role !== 'rep') return 'all';
  const rows = await db.query<{ chat_id: string }>(
    'select distinct q.chat_id from queue_members m join queues q on q.id = m.queue_id where m.rep_id = $1',
    [rep.id],
  );
  return rows.map((r) => r.chat_id);
}

/** Locks the conversation, checks the rep may see its chat and may run `command` on it (with `target`, for a transfer). */
export async function authorize(
  tx: Sql,
  rep: RepProfile,
  conversationId: string,
  command: InboxCommand,
  more: Pick<Subject, 'target'> = {},
): Promise<ConversationSnapshot> {
  const [locked] = await tx.query('select id from conversations where id = $1 for no key update', [conversationId]);
  const conv = locked ? await loadConversation(tx, conversationId) : null;
  const chats = await chatsForRep(tx, rep);
  if (!conv || (chats !== 'all' && !chats.includes(conv.chatId)))
    throw new HubError('not_found', 'no such conversation');
  const verdict = RULES[command]({ role: rep.role, access: accessFor(conv, rep), status: conv.status, ...more });
  if (verdict) throw new HubError(verdict.code, verdict.message);
  return conv;
}

/** Re-decide the offers in the queues whose reps' load or availability just changed. */
export async function rerouteForReps(tx: Sql, repIds: (string | null)[], now: number): Promise<StoredEvent[]> {
  const queues = new Set<string>();
  for (const id of repIds) if (id) (await queuesOfRep(tx, id)).forEach((q) => queues.add(q));
  return rerouteQueues(tx, [...queues], now);
}

/** Makes `rep` the owner: one conditional update, so of any number of concurrent claims exactly one wins. */
async function claim(tx: Sql, rep: RepProfile, conv: ConversationSnapshot): Promise<StoredEvent> {
  const claimed = await tx.query(
    `update conversations set status = 'active', owner_id = $2, offered_to = '{}', offer_expires_at = null, tried = '{}',
            closed_reason = null, closed_at = null, ${JOINED}
      where id = $1 and status in ('pending', 'closed') returning id`,
    [conv.id, rep.id],
  );
  if (claimed.length === 0) throw new HubError('conflict', 'this conversation was already taken');
  await tx.query('update reps set missed_offers = 0 where id = $1', [rep.id]);
  return (await logConversation(tx, 'conversation.updated', conv.id, conv)).event;
}

/** Take a pending (or closed) conversation. A retry with the same client id is answered as the first try was. */
export async function takeConversation(
  db: Db,
  rep: RepProfile,
  conversationId: string,
  clientId: string,
  now = Date.now(),
): Promise<StoredEvent[]> {
  return writeTx(db, async (tx) => {
    const events: StoredEvent[] = [];
    await once(tx, `r:${rep.id}`, clientId, 'take', async () => {
      const conv = await authorize(tx, rep, conversationId, 'take');
      events.push(await claim(tx, rep, conv));
      events.push(...(await rerouteForReps(tx, [rep.id], now)));
      return { conversationId };
    });
    return events;
  });
}

export interface RepSend {
  conversationId: string;
  clientId: string;
  text: string;
  file?: NewFile;
  product?: ProductCardPayload;
  /** An approved WhatsApp template (FEATURES G2); `text` is its body with the parameters filled in. */
  template?: OutboundRequest['template'];
}

/** A rep's reply; the first reply to a pending conversation claims it (FEATURES C3). Retries are answered, not stored twice. */
export async function postRepMessage(
  db: Db,
  rep: RepProfile,
  send: RepSend,
  now = Date.now(),
): Promise<{ message: Message; events: StoredEvent[] }> {
  return writeTx(db, async (tx) => {
    const senderKey = `r:${rep.id}`;
    const [dupe] = await tx.query<MessageRow>('select * from messages where sender_key = $1 and client_id = $2', [
      senderKey,
      send.clientId,
    ]);
    if (dupe) return { message: toMessage(dupe), events: [] };
    const conv = await authorize(tx, rep, send.conversationId, 'send');
    // A messaging channel's reply must be sendable there (FEATURES G2): refused before anything is stored.
    await checkReply(tx, conv, now, { template: send.template, rich: !!(send.file || send.product) });

    const events: StoredEvent[] = [];
    if (conv.status === 'pending') {
      events.push(await claim(tx, rep, conv));
      events.push(...(await rerouteForReps(tx, [rep.id], now)));
    }
    const [inserted] = await tx.query<MessageRow>(
      `insert into messages (id, conversation_id, sender_key, client_id, author, author_name, rep_id, text, attachment, product, created_at)
       values ($1, $2, $3, $4, 'rep', $5, $6, $7, $8, $9, clock_timestamp()) returning *`,
      [
        newId('m'),
        conv.id,
        senderKey,
        send.clientId,
        rep.name,
        rep.id,
        send.text,
        send.file ? JSON.stringify(attachmentOf(send.file)) : null,
        send.product ? JSON.stringify(send.product) : null,
      ],
    );
    // On a channel it goes out through the outbox, in this transaction (FEATURES G2).
    const row = conv.channel === 'web' ? inserted : await enqueueReply(tx, conv, inserted, send.template);
    if (send.file) await insertFile(tx, conv.id, row.id, send.file);
    await tx.query('update conversations set last_message_at = $2, last_message_preview = $3 where id = $1', [
      conv.id,
      row.created_at,
      preview(send.text),
    ]);
    const message = toMessage(row);
    const current = (await loadConversation(tx, conv.id))!;
    events.push(
      await appendEvent(
        tx,
        { kind: 'message.created', chatId: conv.chatId, message },
        { conversationId: conv.id, visitorId: conv.visitorId, audience: audienceOf(current) },
      ),
    );
    return { message, events };
  });
}

export async function recordStatus(
  tx: Sql,
  rep: RepProfile,
  status: Availability,
  now: number,
): Promise<StoredEvent[]> {
  await tx.query('update reps set status = $2, missed_offers = 0 where id = $1', [rep.id, status]);
  const chats = await chatsForRep(tx, rep);
  const ids = chats === 'all' ? (await tx.query<{ id: string }>('select id from chats')).map((c) => c.id) : chats;
  const events: StoredEvent[] = [];
  for (const chatId of ids) events.push(await appendEvent(tx, { kind: 'rep.status', chatId, repId: rep.id, status }));
  // Online reps get offers; away, invisible and offline ones lose the ones they had (FEATURES A3).
  events.push(...(await rerouteForReps(tx, [rep.id], now)));
  return events;
}

/** Availability changes: from the rep (with a client id, so a retry is answered once) or from presence. */
export async function setRepStatus(
  db: Db,
  rep: RepProfile,
  status: Availability,
  clientId?: string,
  now = Date.now(),
): Promise<StoredEvent[]> {
  return writeTx(db, async (tx) => {
    if (!clientId) return recordStatus(tx, rep, status, now);
    let events: StoredEvent[] = [];
    await once(tx, `r:${rep.id}`, clientId, 'setStatus', async () => {
      events = await recordStatus(tx, rep, status, now);
      return { status };
    });
    return events;
  });
}
