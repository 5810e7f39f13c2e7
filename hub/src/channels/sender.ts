import { CHANNEL_LIMITS, type ChannelSender, type Conversation } from '#protocol';

/**
 * A channel conversation's sender as the side panel shows it (FEATURES C9, G2): their address, the
 * name the provider gave, whether the customer store knows them, whether a rep ignored them, and
 * when WhatsApp's 24-hour window closes.
 */

const WINDOW_MS = CHANNEL_LIMITS.whatsappWindowHours * 3_600_000;

export interface SenderRow {
  channel: Conversation['channel'];
  visitor_name: string | null;
  sender_address?: string | null;
  sender_ignored?: boolean | null;
  unknown_sender?: boolean;
  last_inbound_at?: Date | null;
}

/** When a free-text WhatsApp reply stops being allowed (null: no window on this channel, or no message yet). */
export function replyWindowClosesAt(
  channel: Conversation['channel'],
  lastInbound: Date | null | undefined,
): Date | null {
  if (channel !== 'whatsapp' || !lastInbound) return null;
  return new Date(lastInbound.getTime() + WINDOW_MS);
}

export const channelSender = (r: SenderRow): ChannelSender => ({
  address: r.sender_address ?? '',
  name: r.visitor_name,
  unknown: r.unknown_sender ?? false,
  ignored: r.sender_ignored ?? false,
  replyWindowClosesAt: replyWindowClosesAt(r.channel, r.last_inbound_at)?.toISOString() ?? null,
});
