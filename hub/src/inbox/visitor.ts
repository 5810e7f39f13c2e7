import { LIMITS, pageAddress, type BotLang, type Message, type VisitorMessage } from '#protocol';
import { advanceBot, botForNewConversation, startBot } from '../bot/run';
import { appendEvent, writeTx, type StoredEvent } from '../events/log';
import { offer } from '../routing/route';
import type { Db, Sql } from '../storage/db';
import { attachmentOf, chatFileSettings, insertFile, type NewFile } from '../files/records';
import { HubError } from './errors';
import { newId } from '../storage/ids';
import type { TrustProxy } from '../net/client-ip';
import { addressKey } from '../net/addresses';
import { audienceOf, logConversation } from './log-change';
import { loadConversation, preview, toMessage, type MessageRow } from './rows';
import type { ConversationSnapshot } from './folders';
import { markArrival, type ChannelArrival } from '../channels/arrival';

/** What the visitor side of the hub does: find the chat, keep the visitor, store their messages. */

/** allowedOrigins: where the widget may be used (FEATURES H2; empty: anywhere). */
export type ChatRow = { id: string; key: string; name: string; allowedOrigins: string[] };

export async function findChat(db: Sql, key: string): Promise<ChatRow | null> {
  const [chat] = await db.query<ChatRow>(
    'select id, key, name, allowed_origins as "allowedOrigins" from chats where key = $1',
    [key],
  );
  return chat ?? null;
}

export async function touchVisitor(
  db: Sql,
  chatId: string,
  visitorId: string,
  ip: string | null = null,
): Promise<void> {
  await db.query(
    `insert into visitors (id, chat_id, ip) values ($1, $2, $3)
     on conflict (id) do update set last_seen_at = now(), ip = coalesce($3, visitors.ip)`,
    [visitorId, chatId, ip],
  );
}

export const toVisitorMessage = (m: Message): VisitorMessage => ({
  id: m.id,
  clientId: m.clientId,
  author: m.author,
  authorName: m.authorName,
  text: m.text,
  createdAt: m.createdAt,
  ...(m.attachment ? { attachment: m.attachment } : {}),
  ...(m.product ? { product: m.product } : {}),
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

export interface VisitorSend {
  chatId: string;
  visitorId: string;
  clientId: string;
  text: string;
  pageUrl: string;
  /** The visitor's language, for the routing bot (English when the widget did not say). */
  lang?: BotLang;
  /** Stored with the message, e.g. for a bot button: the visitor's own text is `text`. */
  botInput?: 'text' | { choice: 'yes' | 'no' | 'person' };
  file?: NewFile;
  /** A message that came in on a messaging channel (FEATURES G2): no bot, no page; see channels/inbound.ts. */
  channel?: ChannelArrival;
  /**
   * Asked inside the transaction when the message opens a conversation (none is pending or active):
   * the socket's limit on new conversations per address; throwing refuses the message. Asked there,
   * not before, because the transaction's own read of the latest conversation already tells, and a
   * separate read would cost every message a round trip on the hub's one connection (PGlite).
   */
  admitNew?: () => Promise<void>;
}

type LatestRow = {
  id: string;
  status: string;
  owner_id: string | null;
  closed_reason: string | null;
  owner_status: string | null;
  offered_to: string[];
  readers: string[];
};

/**
 * Where a visitor's message goes (FEATURES C1, C5): into their open conversation; back to the previous
 * owner of a conversation that was ended but not handled, when that owner is online; otherwise into
 * a new or reopened pending conversation, routed by its queue. Stored exactly once per client id.
 */
export async function postVisitorMessage(
  db: Db,
  send: VisitorSend,
  now = Date.now(),
): Promise<{ message: Message; events: StoredEvent[] }> {
  return writeTx(db, async (tx) => {
    const [visitor] = await tx.query('select id from visitors where id = $1 for no key update', [send.visitorId]);
    if (!visitor) throw new HubError('not_found', 'unknown visitor');
    const senderKey = `v:${send.visitorId}`;
    const [dupe] = await tx.query<MessageRow>('select * from messages where sender_key = $1 and client_id = $2', [
      senderKey,
      send.clientId,
    ]);
    if (dupe) return { message: toMessage(dupe), events: [] };
    if (await isBlocked(tx, send.chatId, send.visitorId, null, now))
      throw new HubError('forbidden', 'this conversation is suspended');

    const [latest] = await tx.query<LatestRow>(
      `select c.id, c.status, c.owner_id, c.closed_reason, c.offered_to, c.readers, r.status as owner_status
         from conversations c left join reps r on r.id = c.owner_id
        where c.visitor_id = $1 and c.chat_id = $2 order by c.created_at desc limit 1 for no key update of c`,
      [send.visitorId, send.chatId],
    );
    if (send.admitNew && latest?.status !== 'pending' && latest?.status !== 'active') await send.admitNew();
    const ownerHere = latest?.owner_status != null && latest.owner_status !== 'offline';
    let conversationId: string;
    let change: 'opened' | 'updated' | null = null;
    let bot: Awaited<ReturnType<typeof botForNewConversation>> = null;
    if (latest && (latest.status === 'pending' || (latest.status === 'active' && ownerHere))) {
      conversationId = latest.id;
    } else if (
      latest &&
      (latest.status === 'active' || (latest.status === 'closed' && latest.closed_reason === 'ended'))
    ) {
      // Not handled: back to the previous owner if they are online, otherwise routed afresh.
      conversationId = latest.id;
      change = 'updated';
      if (ownerHere)
        await tx.query(
          `update conversations set status = 'active', closed_reason = null, closed_at = null where id = $1`,
          [latest.id],
        );
      // (A conversation the bot closed has no queue yet: the chat's default one.)
      else
        await tx.query(
          `update conversations set status = 'pending', previous_owner_id = owner_id, owner_id = null, closed_reason = null, closed_at = null, tried = '{}',
                queue_id = coalesce(queue_id, (select id from queues where chat_id = $2 order by id limit 1)) where id = $1`,
          [latest.id, send.chatId],
        );
    } else {
      conversationId = newId('c');
      change = 'opened';
      // While the routing bot runs, the conversation is held: no queue, so routing offers it to no one.
      // The bot is for the web widget only (FEATURES F1): channel conversations go straight to their queue.
      bot = send.channel ? null : await botForNewConversation(tx, send.chatId, send.visitorId);
      const [queue] = bot
        ? []
        : await tx.query<{ id: string }>('select id from queues where chat_id = $1 order by id limit 1', [send.chatId]);
      await tx.query(
        'insert into conversations (id, chat_id, visitor_id, queue_id, channel) values ($1, $2, $3, $4, $5)',
        [conversationId, send.chatId, send.visitorId, queue?.id ?? null, send.channel?.name ?? 'web'],
      );
    }
    // The page it was written on, as page tracking keeps pages (issue 14): no query string unless the chat keeps them.
    // The chat's setting is read only when it makes a difference (an address with a query or fragment).
    const bare = send.channel ? null : pageAddress(send.pageUrl, false);
    const pageUrl =
      bare === null || bare === send.pageUrl
        ? bare
        : pageAddress(send.pageUrl, (await chatFileSettings(tx, send.chatId)).trackQuery);
    const [row] = await tx.query<MessageRow>(
      `insert into messages (id, conversation_id, sender_key, client_id, author, text, page_url, attachment, created_at)
       values ($1, $2, $3, $4, 'visitor', $5, $6, $7, clock_timestamp()) returning *`,
      [
        newId('m'),
        conversationId,
        senderKey,
        send.clientId,
        send.text,
        pageUrl,
        send.file ? JSON.stringify(attachmentOf(send.file)) : null,
      ],
    );
    if (send.file) await insertFile(tx, conversationId, row.id, send.file);
    await tx.query('update conversations set last_message_at = $2, last_message_preview = $3 where id = $1', [
      conversationId,
      row.created_at,
      preview(send.text),
    ]);
    if (send.channel) await markArrival(tx, conversationId, row.id, send.channel);
    const events: StoredEvent[] = [];
    // The conversation as logged for the change: nothing writes it after, so the message's audience reads it too.
    let logged: ConversationSnapshot | null = null;
    if (change) {
      await offer(tx, conversationId, now, { log: false });
      const before =
        latest && change === 'updated'
          ? { ownerId: latest.owner_id, offeredTo: latest.offered_to, readers: latest.readers }
          : null;
      const kind = change === 'opened' ? 'conversation.opened' : 'conversation.updated';
      const { snapshot, event } = await logConversation(tx, kind, conversationId, before);
      events.push(event);
      logged = snapshot;
    }
    const message = toMessage(row);
    const current = logged ?? (await loadConversation(tx, conversationId))!;
    events.push(
      await appendEvent(
        tx,
        { kind: 'message.created', chatId: send.chatId, message },
        { conversationId, visitorId: send.visitorId, audience: audienceOf(current) },
      ),
    );
    const botCtx = { conversationId, chatId: send.chatId, visitorId: send.visitorId, now };
    if (bot) events.push(...(await startBot(tx, botCtx, bot, send.lang ?? 'en')));
    else if (change !== 'opened' && !send.channel) {
      const input =
        send.botInput && send.botInput !== 'text'
          ? { kind: 'choice' as const, choice: send.botInput.choice }
          : { kind: 'text' as const, text: send.text };
      events.push(...(await advanceBot(tx, botCtx, input)));
    }
    return { message, events };
  });
}

/**
 * Is this visitor, or their address, blocked in this chat right now? A new visitor (null) by address
 * only. The address counts only where it may be blocked at all (net/addresses.ts), so a block made
 * before that rule never shuts out a proxy.
 */
export async function isBlocked(
  db: Sql,
  chatId: string,
  visitorId: string | null,
  ip: string | null,
  now = Date.now(),
  trust: TrustProxy = () => false,
): Promise<boolean> {
  const key = addressKey(ip, trust);
  const [row] = await db.query(
    `select 1 from blocks where chat_id = $1 and ((visitor_id = $2 and (until is null or until > $4)) or (ip = $3 and ip_until > $4)) limit 1`,
    [chatId, visitorId, key, new Date(now)],
  );
  return !!row;
}

/**
 * Stores the details a visitor gave (the pre-chat form or the bot): an email, a name, or both; a
 * detail left out keeps its value. A name alone leaves the visitor anonymous for the routing bot
 * and the contact card (FEATURES E1, F1): only an email identifies someone — and a typed one only as a
 * claim (issue 14): `verified` is for an email the shop signed (visitor-identity.ts). A typed email
 * never replaces a verified one. Every open conversation of theirs shows the change.
 */
export async function identifyVisitor(
  db: Db,
  chatId: string,
  visitorId: string,
  email: string | undefined,
  name?: string,
  verified = false,
): Promise<StoredEvent[]> {
  return writeTx(db, async (tx) => {
    await tx.query(
      `update visitors set email = case when $4 then $2 when email_verified then email else coalesce($2, email) end,
                           email_verified = email_verified or $4, name = coalesce($3, name)
        where id = $1`,
      [visitorId, email ?? null, name ?? null, verified],
    );
    const convs = await tx.query<{ id: string }>(
      `select id from conversations where visitor_id = $1 and status in ('pending', 'active')`,
      [visitorId],
    );
    const events: StoredEvent[] = [];
    for (const c of convs) events.push((await logConversation(tx, 'conversation.updated', c.id, null)).event);
    return events;
  });
}
