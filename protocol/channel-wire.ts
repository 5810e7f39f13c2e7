import * as z from 'zod';

/**
 * What a channel conversation and a channel message carry on the wire (FEATURES G2, C9): the shapes
 * model.ts puts on Conversation and Message. Apart from channels.ts so model.ts can import them
 * without a cycle.
 */

const Timestamp = z.string().datetime({ offset: true });

/**
 * A channel conversation's sender (absent on web conversations). `address`: the E.164 phone number
 * (WhatsApp, SMS) or the page-scoped id (Messenger). `unknown`: no customer-store record matches it
 * (FEATURES C9): the side panel offers Add contact / Reply / Ignore. `ignored`: a rep chose Ignore;
 * later messages are stored on the conversation without routing or alerts.
 */
export const ChannelSender = z.object({
  address: z.string(),
  name: z.string().nullable(),
  unknown: z.boolean(),
  ignored: z.boolean(),
  /** WhatsApp only: free-text replies are refused after this (24 h after the customer's last message); null: no window. */
  replyWindowClosesAt: Timestamp.nullable(),
});
export type ChannelSender = z.infer<typeof ChannelSender>;

/**
 * Where a rep's reply on a channel stands. It only moves forward (queued → sent → delivered → read);
 * `failed` (the provider's status callback) and `not_sent` (the provider refused it, a 4xx, or the
 * outbox gave up) are final and keep the provider's error code and text.
 */
export const DeliveryStatus = z.enum(['queued', 'sent', 'delivered', 'read', 'failed', 'not_sent']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** How far each status is: a callback that would move a message backwards is ignored. */
export const DELIVERY_RANK: Record<DeliveryStatus, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
  not_sent: 4,
};

export const Delivery = z.object({
  status: DeliveryStatus,
  errorCode: z.string().nullable(),
  errorText: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

/** A template sent in a message (on the message, so the transcript shows which one). */
export const SentTemplate = z.object({ name: z.string(), language: z.string() });
