import { CHANNEL_LIMITS, type ChannelProvider } from '#protocol';

/**
 * The hub's channel settings (FEATURES G2): the key channel secrets are sealed with, and where each
 * provider's API is (settings, so tests point them at the fakes in tests/hub/fake-providers/).
 */
export interface ChannelSettings {
  /** PARLEY_SECRET_KEY, 32 bytes; null: no channel secret can be stored. */
  secretKey: Buffer | null;
  /** Base URLs of the providers' REST APIs, without a trailing slash. */
  apiBase: Record<'meta' | 'twilio', string>;
  /** The Graph API version in Meta's paths (`/v21.0/{phone-number-id}/messages`). */
  graphVersion: string;
  /** Back-off between send attempts (CHANNEL_LIMITS; tests shorten it). */
  retry: { attempts: number; firstDelayMs: number; maxDelayMs: number };
}

export const DEFAULT_API_BASE = { meta: 'https://graph.facebook.com', twilio: 'https://api.twilio.com' } as const;
export const DEFAULT_GRAPH_VERSION = 'v21.0';

export const channelSettings = (partial: Partial<ChannelSettings> = {}): ChannelSettings => ({
  secretKey: partial.secretKey ?? null,
  apiBase: { ...DEFAULT_API_BASE, ...partial.apiBase },
  graphVersion: partial.graphVersion ?? DEFAULT_GRAPH_VERSION,
  retry: partial.retry ?? {
    attempts: CHANNEL_LIMITS.sendAttemptsPerPass,
    firstDelayMs: CHANNEL_LIMITS.sendFirstDelayMs,
    maxDelayMs: CHANNEL_LIMITS.sendMaxDelayMs,
  },
});

/** The path a provider calls for a chat; the console shows it after PARLEY_PUBLIC_URL. */
export const webhookPath = (provider: ChannelProvider, chatId: string) =>
  `/webhooks/${provider}/${encodeURIComponent(chatId)}`;

/**
 * The time a stored row is due against: the hub's clock (ms) rounded up to its next millisecond. Rows
 * stored with the database's `now()` carry microseconds, so one stored within this very millisecond
 * would otherwise not be due yet.
 */
export const dueBy = (nowMs: number) => new Date(nowMs + 1);
