import type { ChannelName, ChannelSender, Delivery, DeliveryStatus } from '#protocol';
import { t, type MessageKey } from './i18n';

/**
 * How the side panel names a conversation's channel and a channel reply's delivery (FEATURES G2, C9):
 * the words beside each icon, so nothing is told by an icon or a colour alone.
 */

export const CHANNELS = ['web', 'whatsapp', 'messenger', 'sms'] as const satisfies readonly ChannelName[];

const CHANNEL_NAME: Record<ChannelName, MessageKey> = {
  web: 'channelWeb',
  whatsapp: 'channelWhatsapp',
  messenger: 'channelMessenger',
  sms: 'channelSms',
};

export const channelName = (channel: ChannelName): string => t(CHANNEL_NAME[channel]);

/** The provider's error as the rep reads it: its code and its words, whichever it gave. */
function providerError(delivery: Delivery): string {
  const said = [delivery.errorCode, delivery.errorText].filter((part) => part?.trim()).join(' ');
  return said || t('deliveryUnknownError');
}

const PROGRESS: Record<Exclude<DeliveryStatus, 'failed' | 'not_sent'>, MessageKey> = {
  queued: 'deliveryQueued',
  sent: 'deliverySent',
  delivered: 'deliveryDelivered',
  read: 'deliveryRead',
};

/** A channel reply's delivery as words: "delivered", or "not sent: 131047 Re-engagement message". */
export function deliveryText(delivery: Delivery): string {
  if (delivery.status === 'failed') return t('deliveryFailed', providerError(delivery));
  if (delivery.status === 'not_sent') return t('notSent', providerError(delivery));
  return t(PROGRESS[delivery.status]);
}

export const deliveryFailed = (delivery: Delivery): boolean =>
  delivery.status === 'failed' || delivery.status === 'not_sent';

/** WhatsApp's customer service window (FEATURES G2): closed once its end has passed. */
export const replyWindowClosed = (sender: ChannelSender | undefined, now: number): boolean =>
  !!sender?.replyWindowClosesAt && Date.parse(sender.replyWindowClosesAt) <= now;
