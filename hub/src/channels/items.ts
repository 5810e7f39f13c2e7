import type { ChannelProvider, DeliveryStatus } from '#protocol';

/**
 * What a provider's webhook carries, in one shape for every provider: each message and each status
 * callback in a delivery becomes one item, stored once by its provider id (intake.ts) and processed
 * from the database after (worker.ts). The provider parsers (webhooks-meta.ts, webhooks-twilio.ts)
 * make them; nothing after them knows a provider's payload.
 */

/** A file the provider holds: WhatsApp's media id, or the URL Messenger and Twilio give. */
export interface MediaRef {
  ref: string;
  mime: string | null;
  name: string | null;
}

export interface MessageItem {
  kind: 'message';
  providerId: string;
  /** The sender as the provider names them: a phone number (WhatsApp, SMS) or a page-scoped id (Messenger). */
  from: string;
  /** The name the provider gives (WhatsApp profile name), if any. */
  name: string | null;
  /** ISO time the customer sent it. */
  at: string;
  text: string;
  media: MediaRef[];
}

export interface StatusItem {
  kind: 'status';
  /** The provider's id of our reply the status is about. */
  providerId: string;
  status: Exclude<DeliveryStatus, 'queued' | 'not_sent'>;
  errorCode: string | null;
  errorText: string | null;
}

export type InboundItem = MessageItem | StatusItem;

/** The row key: a message by its id; a status by its message and status, so a repeated callback is one row. */
export const itemKey = (item: InboundItem) =>
  item.kind === 'message' ? item.providerId : `${item.providerId}:${item.status}`;

export interface StoredItem {
  id: string;
  chat_id: string;
  provider: ChannelProvider;
  kind: InboundItem['kind'];
  payload: InboundItem;
  attempts: number;
}

/** A location as a message's text: readable, and a link any map opens. */
export function locationText(l: { latitude: number; longitude: number; name?: string; address?: string }): string {
  const label = [l.name, l.address].filter(Boolean).join(', ');
  const link = `https://www.openstreetmap.org/?mlat=${l.latitude}&mlon=${l.longitude}`;
  return `📍 ${label ? `${label} ` : ''}${link}`;
}
