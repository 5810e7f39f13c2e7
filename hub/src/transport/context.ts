import type { EventFeed } from '../events/feed';
import type { FileStore } from '../files/store';
import type { LiveRelay } from './live-relay';
import type { Db } from '../storage/db';
import type { VisitorPresence } from '../routing/abandon';
import type { VisitorViews } from '../routing/visitor-view';
import type { ChatRepsView } from './chat-reps-view';
import type { QueueLiveView } from './queue-live-view';
import type { Presence } from './presence';
import type { Viewers } from './viewers';
import type { TrustProxy } from '../net/client-ip';
import type { Log } from '../log';
import type { SocketRegistry } from './socket-registry';
import type { LinkMailer } from '../people/mailer';
import type { HubLimits } from '../net/hub-limits';
import type { RateStore } from '../net/rate-store';
import type { ChannelSettings } from '../channels/settings';

/** What every request and socket handler of one hub process shares. */
export interface HubContext {
  db: Db;
  feed: EventFeed;
  presence: Presence;
  visitors: VisitorPresence;
  viewers: Viewers;
  /** Who works in each chat (FEATURES A2), shared by the rep sockets. */
  chatReps: ChatRepsView;
  /** The queues now, for supervisors and super users (FEATURES H4), shared by their sockets. */
  queueLive: QueueLiveView;
  /** What visitors are told about availability and their queue place, shared per chat. */
  visitorViews: VisitorViews;
  /** Files sent in conversations, on disk outside any served folder (FEATURES D3). */
  files: FileStore;
  /** Sneak peek and typing (FEATURES D2), relayed between this process's sockets. */
  live: LiveRelay;
  /** The hub's clock (ms); tests replace it to drive offer timeouts and business hours. */
  now(): number;
  /** Call after a transaction that appended events has committed: wakes every feed. */
  committed(): void;
  /** Which peers are this hub's own reverse proxies (PARLEY_TRUSTED_PROXIES): their X-Forwarded-For is believed. */
  trustProxy: TrustProxy;
  /** The hub's logger; a socket's handlers get their connection's child logger (with its request id). */
  log: Log;
  /** Open sockets, closed with 1001 when the hub stops. */
  sockets: SocketRegistry;
  /** Where set-password links point (PARLEY_PUBLIC_URL, else the address the hub listens on) and who emails them (SMTP_URL). */
  accounts: { publicUrl(): string; mailer: LinkMailer | null };
  /** Rate limits on the sockets (FEATURES I4, RATE_LIMITS). */
  limits: HubLimits;
  /** Where rate-limit counts live: memory, or Redis (REDIS_URL) shared by every hub instance. */
  rates: RateStore;
  /** Messaging channels (FEATURES G2): their settings, and `kick()` to run the worker now (after a reply or a webhook was stored). */
  channels: { settings: ChannelSettings; kick(): void; idle(): Promise<void> };
}
