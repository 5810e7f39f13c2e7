import * as z from 'zod';
import { FeedCursor } from './crm';
import { Id, Timestamp } from './model';

/**
 * CRM page awareness (FEATURES E12): the conversations with a contact, found by the email a CRM record
 * page shows. Newest first, one page at a time; `before` is the last item's (createdAt, id).
 */
export const ContactChat = z.object({
  id: Id,
  chatName: z.string(),
  status: z.string(),
  /** The rep who had it, or null (never taken). */
  ownerName: z.string().nullable(),
  /** The owner's account was deleted (FEATURES H1): shown as a former rep. */
  ownerFormer: z.boolean().optional(),
  createdAt: Timestamp,
  /** The visitor's first message, cut to CRM_LIMITS.contactChatPreviewChars; null when they wrote nothing. */
  firstMessage: z.string().nullable(),
});
export type ContactChat = z.infer<typeof ContactChat>;

export const ContactChatsCursor = FeedCursor;
export type ContactChatsCursor = z.infer<typeof ContactChatsCursor>;

export const ContactChatsPage = z.object({ conversations: z.array(ContactChat), next: ContactChatsCursor.nullable() });
export type ContactChatsPage = z.infer<typeof ContactChatsPage>;
