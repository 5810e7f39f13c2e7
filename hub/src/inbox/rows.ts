import type { Attachment, Conversation, Delivery, Message, ProductCardPayload } from '#protocol';
import { channelSender } from '../channels/sender';
import type { Sql } from '../storage/db';
import type { ConversationSnapshot } from './folders';

/** Row → wire mapping for conversations and messages, in one place. */

export type ConversationRow = {
  id: string;
  chat_id: string;
  chat_name: string;
  channel: Conversation['channel'];
  visitor_id: string;
  visitor_name: string | null;
  visitor_email: string | null;
  status: Conversation['status'];
  owner_id: string | null;
  owner_name: string | null;
  owner_former?: boolean | null;
  queue_id: string | null;
  queue_name: string | null;
  offered_to: string[];
  readers: string[];
  closed_reason: Conversation['closedReason'];
  created_at: Date;
  last_message_at: Date;
  last_message_preview: string;
  tags: string[];
  /** A channel conversation's sender (channel_senders), null on the web. */
  sender_address?: string | null;
  sender_ignored?: boolean | null;
  unknown_sender?: boolean;
  last_inbound_at?: Date | null;
};

export type MessageRow = {
  id: string;
  conversation_id: string;
  client_id: string | null;
  author: Message['author'];
  author_name: string | null;
  rep_id: string | null;
  text: string;
  page_url: string | null;
  created_at: Date;
  attachment?: Attachment | null;
  /** A product card (FEATURES E10), on product messages only. */
  product?: ProductCardPayload | null;
  /** A reply on a messaging channel (FEATURES G2): where its delivery stands. */
  delivery_status?: Delivery['status'] | null;
  delivery_error_code?: string | null;
  delivery_error_text?: string | null;
  template?: { name: string; language: string } | null;
};

export const toSnapshot = (r: ConversationRow): ConversationSnapshot => ({
  id: r.id,
  chatId: r.chat_id,
  chatName: r.chat_name,
  channel: r.channel,
  visitorId: r.visitor_id,
  visitorName: r.visitor_name,
  visitorEmail: r.visitor_email,
  status: r.status,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  ...(r.owner_former ? { ownerFormer: true } : {}),
  queueId: r.queue_id,
  queueName: r.queue_name,
  offeredTo: r.offered_to,
  readers: r.readers,
  closedReason: r.closed_reason,
  createdAt: r.created_at.toISOString(),
  lastMessageAt: r.last_message_at.toISOString(),
  lastMessagePreview: r.last_message_preview,
  tags: r.tags ?? [],
  ...(r.sender_address ? { sender: channelSender(r) } : {}),
});

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  clientId: r.client_id,
  author: r.author,
  authorName: r.author_name,
  repId: r.rep_id,
  text: r.text,
  pageUrl: r.page_url,
  createdAt: r.created_at.toISOString(),
  ...(r.attachment ? { attachment: r.attachment } : {}),
  ...(r.product ? { product: r.product } : {}),
  ...(r.delivery_status
    ? {
        delivery: {
          status: r.delivery_status,
          errorCode: r.delivery_error_code ?? null,
          errorText: r.delivery_error_text ?? null,
        },
      }
    : {}),
  ...(r.template ? { template: r.template } : {}),
});

/** A conversation's row with the names it is shown with; callers add the `where`. */
export const CONVERSATION_SELECT = `select c.*, ch.name as chat_name, v.name as visitor_name, v.email as visitor_email, r.name as owner_name, r.deleted_at is not null as owner_former, q.name as queue_name, cs.address as sender_address, cs.ignored_at is not null as sender_ignored
       from conversations c
       join chats ch on ch.id = c.chat_id
       join visitors v on v.id = c.visitor_id
       left join reps r on r.id = c.owner_id
       left join queues q on q.id = c.queue_id
       left join channel_senders cs on cs.visitor_id = c.visitor_id`;

export async function loadConversation(db: Sql, id: string): Promise<ConversationSnapshot | null> {
  const [row] = await db.query<ConversationRow>(`${CONVERSATION_SELECT} where c.id = $1`, [id]);
  return row ? toSnapshot(row) : null;
}

/** Conversations still being worked on; a visitor has at most one. */
export const OPEN_STATUSES = ['pending', 'active'] as const;

export { messagePreview as preview } from '#protocol';
