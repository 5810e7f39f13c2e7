import * as z from 'zod';
import { LIMITS } from './limits';

/** Shapes shared by frames and REST bodies: what a conversation, message and rep look like on the wire. */

export const Id = z.string().min(1).max(64);
export const ClientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
export const EventId = z.number().int().nonnegative();
export const Timestamp = z.string().datetime({ offset: true });

export const Role = z.enum(['rep', 'observer', 'admin']);
export type Role = z.infer<typeof Role>;

export const Availability = z.enum(['online', 'away', 'invisible', 'offline']);
export type Availability = z.infer<typeof Availability>;

export const ConversationStatus = z.enum(['pending', 'active', 'closed', 'archived']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const Channel = z.enum(['web', 'whatsapp', 'messenger', 'sms']);

export const MessageText = z
  .string()
  .trim()
  .min(1, 'message is empty')
  .max(LIMITS.messageChars, `message is longer than ${LIMITS.messageChars} characters`);

export const PageUrl = z.string().max(LIMITS.urlChars).url();

export const RepProfile = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  status: Availability,
});
export type RepProfile = z.infer<typeof RepProfile>;

export const Conversation = z.object({
  id: Id,
  chatId: Id,
  chatName: z.string(),
  channel: Channel,
  visitorId: Id,
  visitorName: z.string().nullable(),
  visitorEmail: z.string().nullable(),
  status: ConversationStatus,
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  createdAt: Timestamp,
  lastMessageAt: Timestamp,
  lastMessagePreview: z.string(),
});
export type Conversation = z.infer<typeof Conversation>;

export const MessageAuthor = z.enum(['visitor', 'rep', 'system']);

export const Message = z.object({
  id: Id,
  conversationId: Id,
  clientId: z.string().nullable(),
  author: MessageAuthor,
  authorName: z.string().nullable(),
  repId: Id.nullable(),
  text: z.string(),
  pageUrl: z.string().nullable(),
  createdAt: Timestamp,
});
export type Message = z.infer<typeof Message>;

/** The one-line preview of a conversation's last message; hub and extension compute it the same way. */
export const messagePreview = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
