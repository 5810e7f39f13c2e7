import * as z from 'zod';
import { LIMITS } from './limits';
import { Attachment } from './files';
import { ProductCardPayload } from './product-card';
import { ChannelSender, Delivery, SentTemplate } from './channel-wire';

/** Shapes shared by frames and REST bodies: what a conversation, message and rep look like on the wire. */

export const Id = z.string().min(1).max(64);
export const ClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
export const EventId = z.number().int().nonnegative();
export const Timestamp = z.string().datetime({ offset: true });

/**
 * An IANA time zone name (`Europe/Rome`), as Intl and PostgreSQL both know them. Names only: an
 * offset like `+01:00` is refused, since PostgreSQL reads POSIX offsets with the opposite sign.
 */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, 'a time zone name like Europe/Rome')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone');

export const Role = z.enum(['rep', 'observer', 'admin']);
export type Role = z.infer<typeof Role>;

export const Availability = z.enum(['online', 'away', 'invisible', 'offline']);
export type Availability = z.infer<typeof Availability>;

/**
 * Where a conversation is in its life. `abandoned`: the visitor left while it was being offered and
 * before any rep joined; it shows in no folder but counts in analytics (FEATURES C1).
 */
export const ConversationStatus = z.enum(['pending', 'active', 'closed', 'archived', 'abandoned']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const Channel = z.enum(['web', 'whatsapp', 'messenger', 'sms']);

/** The folder a conversation sits in for one viewer; the hub decides it per viewer and role (FEATURES C1). */
export const Folder = z.enum(['pending', 'active', 'closed', 'archived', 'none']);
export type Folder = z.infer<typeof Folder>;

/**
 * What this viewer may do with the conversation, decided by the hub: `offered` may take it,
 * `owner` may reply and act on it, `reader` (e.g. the rep who transferred it away) may only read,
 * `supervisor` sees it through their role (observers never reply or take; super users may).
 */
export const Access = z.enum(['owner', 'offered', 'reader', 'supervisor', 'none']);
export type Access = z.infer<typeof Access>;

/** Why a conversation was closed: the rep ended it, blocked the visitor, marked it handled, or ignored an unknown channel sender (FEATURES C9). */
export const ClosedReason = z.enum(['ended', 'blocked', 'handled', 'ignored']);

export const MessageText = z
  .string()
  .trim()
  .min(1, 'message is empty')
  .max(LIMITS.messageChars, `message is longer than ${LIMITS.messageChars} characters`)
  // PostgreSQL cannot store NUL in text; refuse it here with a clear reason instead of failing later.
  .refine((t) => !t.includes('\u0000'), 'message contains a NUL character');

/** The page a visitor wrote from: http or https only, so a `javascript:` URL can never become a link. */
export const PageUrl = z.url({ protocol: /^https?$/ }).max(LIMITS.urlChars);

/** A rep as a transfer target or a colleague in the directory. */
export const RepSummary = z.object({
  id: Id,
  name: z.string(),
  extension: z.string().nullable(),
  status: Availability,
});
export type RepSummary = z.infer<typeof RepSummary>;

export const QueueSummary = z.object({ id: Id, chatId: Id, name: z.string() });
export type QueueSummary = z.infer<typeof QueueSummary>;

/**
 * `role` is what the rep was granted; `mode` is how they are working now (FEATURES A4): a super user
 * may work as a rep or an observer, a supervisor as a rep. The hub checks every action against the mode.
 */
export const RepProfile = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  mode: Role,
  status: Availability,
});

/** The modes each granted role may switch to. */
export const MODES_FOR_ROLE: Record<Role, readonly Role[]> = {
  rep: ['rep'],
  observer: ['rep', 'observer'],
  admin: ['rep', 'observer', 'admin'],
};
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
  /** The owner's account was deleted (FEATURES H1): their name stays, shown as a former rep. */
  ownerFormer: z.boolean().optional(),
  queueId: Id.nullable(),
  queueName: z.string().nullable(),
  /** Reps the conversation is offered to right now (pending only). */
  offeredTo: z.array(Id),
  closedReason: ClosedReason.nullable(),
  /** Filled in by the hub for the rep receiving it. */
  folder: Folder,
  access: Access,
  createdAt: Timestamp,
  lastMessageAt: Timestamp,
  lastMessagePreview: z.string(),
  /** Tags (FEATURES D7); absent in events logged before tags existed. */
  tags: z.array(z.string()).optional(),
  /** A messaging channel's sender (FEATURES G2, C9): absent on web conversations. */
  sender: ChannelSender.optional(),
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
  /** A file sent with the message (FEATURES D3); the message's text is then the file's name. */
  attachment: Attachment.nullable().optional(),
  /** A product card sent from the gallery (FEATURES E10); absent on plain messages. */
  product: ProductCardPayload.optional(),
  /** A rep's reply on a messaging channel: where its delivery stands (FEATURES G2); absent elsewhere. */
  delivery: Delivery.optional(),
  /** An approved WhatsApp template this reply was sent as (FEATURES G2). */
  template: SentTemplate.optional(),
});
export type Message = z.infer<typeof Message>;

/** The one-line preview of a conversation's last message; hub and extension compute it the same way. */
export const messagePreview = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
