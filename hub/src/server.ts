import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { HEARTBEAT_TIMEOUT_SECONDS } from '#protocol';
import { createClusterNotifier, type Notifier } from './events/bus';
import { createLocalCluster } from './cluster/cluster';
import { createRedisCluster } from './cluster/redis-cluster';
import { shareInvalidations } from './cluster/invalidations';
import { startClusterSweep } from './cluster/sweep';
import { createEventFeed } from './events/feed';
import { createLogPruner } from './events/retention';
import { startPurging } from './people/purge';
import type { LinkMailer } from './people/mailer';
import { quietLogger } from './log';
import { createVisitorViews } from './routing/visitor-view';
import type { Db } from './storage/db';
import { migrate } from './storage/migrate';
import { createApp } from './transport/app';
import type { HubContext } from './transport/context';
import { trustProxies } from './net/client-ip';
import type { StaticPaths } from './transport/routes/static';
import { createHubLimits, type RateTable } from './net/hub-limits';
import { createRateStore } from './net/rate-store';
import { createPresence } from './transport/presence';
import { createChatRepsView } from './transport/chat-reps-view';
import { createQueueLiveView } from './transport/queue-live-view';
import { createViewers } from './transport/viewers';
import { createLiveRelay } from './transport/live-relay';
import { createSocketRegistry } from './transport/socket-registry';
import { createFileStore } from './files/store';
import { createFileExpiry } from './files/expiry';
import { createRetention } from './data-out/retention';
import { lapseDueOffers } from './routing/lapse';
import { abandonLeftConversations, createVisitorPresence } from './routing/abandon';
import { channelSettings, type ChannelSettings } from './channels/settings';
import { createChannelWorker } from './channels/worker';
import { watchConnections } from './metrics/metrics';
import { startMetricsServer } from './metrics/server';

export interface HubOptions {
  db: Db;
  port?: number;
  host?: string;
  notifier?: Notifier;
  paths?: Partial<StaticPaths>;
  /** The hub's clock in ms; tests pass a fake one to drive offer timeouts and business hours. */
  clock?: () => number;
  /** Run the offer-timeout sweep every second (default). Tests turn it off and call `tick()`. */
  timers?: boolean;
  /** How long a rep whose last socket closed stays present (default PRESENCE_GRACE_MS). */
  presenceGraceMs?: number;
  /** Where sent files are kept (never a served folder); default: a new temporary folder (tests). */
  filesDir?: string;
  /** Addresses or CIDR ranges of this hub's own reverse proxies (PARLEY_TRUSTED_PROXIES); default none. */
  trustedProxies?: readonly string[];
  /** Where set-password links point (PARLEY_PUBLIC_URL); default: the address the hub listens on. */
  publicUrl?: string | null;
  /** Emails set-password links (SMTP_URL); default: none, the super user passes them on. */
  mailer?: LinkMailer | null;
  /** Where the hub logs (main.ts: JSON or pretty, createLogger); default: errors only (tests pass their own to read it). */
  logger?: Logger;
  /** false: GET /api/health answers 503 until `started()` is called (main.ts seeds demo data first). Default true. */
  ready?: boolean;
  /** Serve the demo shop and CRM pages under /demo/ (PARLEY_DEMO=1). Default false. */
  demo?: boolean;
  /** Serve TLS (PARLEY_TLS_CERT, PARLEY_TLS_KEY: PEM); default plain HTTP, for loopback or behind a TLS proxy. */
  tls?: { cert: Buffer; key: Buffer };
  /** Redis shared by every hub instance (REDIS_URL, FEATURES I6): wake-ups, live state, rate-limit counts; default: this process's memory. */
  redisUrl?: string;
  /** The rate limits (default RATE_LIMITS; main.ts scales them by PARLEY_RATE_LIMIT_SCALE). */
  rateLimits?: RateTable;
  /** Messaging channels (FEATURES G2): PARLEY_SECRET_KEY, the providers' API addresses (tests: the fakes), the send back-off. */
  channels?: Partial<ChannelSettings>;
  /** Serve Prometheus metrics on this separate address (PARLEY_METRICS=1, PARLEY_METRICS_LISTEN); default: none. */
  metrics?: { host: string; port: number } | null;
}

export interface Hub {
  url: string;
  port: number;
  ctx: HubContext;
  /** One pass of the timers: lapsed offers move on, old conversations go (retention), the log is pruned. */
  tick(): Promise<void>;
  /** Where Prometheus scrapes this hub (http://HOST:PORT/metrics), when metrics are on. */
  metricsUrl: string | null;
  /** The hub has finished starting: GET /api/health may answer 200. */
  started(): void;
  /** Stops accepting, lets sockets finish their commands and closes them (1001), drains requests, stops the timers. The database stays open. */
  close(): Promise<void>;
}

const defaultPaths: StaticPaths = {
  widgetDir: fileURLToPath(new URL('../../widget/dist/', import.meta.url)),
  demoDir: fileURLToPath(new URL('../demo/', import.meta.url)),
};

/** Migrates, starts HTTP + WebSocket on one port, and returns once it accepts connections. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const { db } = options;
  const logger = options.logger ?? quietLogger();
  await migrate(db);
  const cluster = options.redisUrl
    ? await createRedisCluster(options.redisUrl, logger)
    : createLocalCluster((err) => logger.error({ err }, 'a live update failed'));
  const notifier = options.notifier ?? createClusterNotifier(cluster);
  const feed = await createEventFeed(db, notifier, logger);
  const committed = () => notifier.notify();
  const now = options.clock ?? Date.now;
  const visitorViews = createVisitorViews(db, now);
  feed.subscribe(visitorViews.onEvent); // before any socket subscribes, so a refresh never reads a dropped view
  const chatReps = createChatRepsView(db);
  feed.subscribe(chatReps.onEvent);
  const queueLive = createQueueLiveView(db, now, logger);
  feed.subscribe(queueLive.onEvent);
  if (!cluster.single) shareInvalidations(cluster, chatReps, visitorViews);
  let listeningUrl = '';
  const rates = await createRateStore(options.redisUrl);
  const files = await createFileStore(options.filesDir ?? (await mkdtemp(join(tmpdir(), 'parley-files-'))));
  const publicUrl = () => options.publicUrl ?? listeningUrl;
  const settings = channelSettings(options.channels);
  const channels = createChannelWorker({ db, files, settings, now, log: logger, committed, publicUrl });
  const ctx: HubContext = {
    db,
    feed,
    committed,
    now,
    presence: createPresence(db, committed, logger, now, options.presenceGraceMs, cluster),
    viewers: createViewers(db, cluster),
    chatReps,
    queueLive,
    visitors: createVisitorPresence(db, now, cluster),
    visitorViews,
    files,
    live: createLiveRelay(db, cluster),
    trustProxy: trustProxies(options.trustedProxies ?? []),
    log: logger,
    sockets: createSocketRegistry(),
    accounts: { publicUrl, mailer: options.mailer ?? null },
    rates,
    limits: createHubLimits(rates, options.rateLimits),
    channels: { settings, kick: channels.kick, idle: channels.idle },
  };
  const prune = createLogPruner(db);
  const expireFiles = createFileExpiry(db, ctx.files, now);
  const retention = createRetention(db, ctx.files, now);
  const tick = async () => {
    const moved = [
      ...(await lapseDueOffers(db, now())),
      ...(await abandonLeftConversations(db, now())),
      ...(await expireFiles()),
    ];
    const expired = await retention();
    if (moved.length > 0 || expired > 0) committed();
    await prune(now());
    channels.kick(); // replies and webhook items due for a retry
  };
  // After a restart, reps' extensions reconnect within seconds: keep their availability (so their
  // conversations stay theirs) and set offline only those still absent after a heartbeat timeout.
  // With several hubs, the cluster's sweep does it (and more) for all of them.
  const stopSweep = options.timers === false || cluster.single ? null : startClusterSweep(cluster, ctx, logger);
  const reconcile =
    options.timers === false || !cluster.single
      ? null
      : setTimeout(
          () => void ctx.presence.reconcile().catch((err) => logger.error({ err }, 'presence check failed')),
          HEARTBEAT_TIMEOUT_SECONDS * 1000,
        );
  let sweeping: Promise<void> | null = null;
  const timer =
    options.timers === false
      ? null
      : setInterval(() => {
          sweeping ??= tick()
            .catch((err) => logger.error({ err }, 'offer sweep failed'))
            .finally(() => (sweeping = null));
        }, 1000);

  const stopPurging = options.timers === false ? null : startPurging(db, logger);

  let ready = options.ready !== false;
  const app = await createApp(ctx, {
    logger,
    paths: { ...defaultPaths, ...options.paths },
    started: () => ready,
    demo: options.demo ?? false,
    tls: options.tls,
  });
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const metrics = options.metrics ? await startMetricsServer(options.metrics) : null;
  const unwatch = (['rep', 'visitor'] as const).map((kind) => watchConnections(kind, () => ctx.sockets.count(kind)));
  const host = options.host ?? '127.0.0.1';
  listeningUrl = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: listeningUrl,
    port,
    ctx,
    tick,
    metricsUrl: metrics?.url ?? null,
    started: () => void (ready = true),
    async close() {
      if (timer) clearInterval(timer);
      if (reconcile) clearTimeout(reconcile);
      stopSweep?.();
      stopPurging?.();
      // First: sockets closing from here on say nothing about their reps (no offline write may start
      // while the database is about to close); reps stay available for the restart (reconcile).
      ctx.presence.stop();
      await sweeping;
      await app.close();
      await channels.stop();
      unwatch.forEach((stop) => stop());
      await metrics?.close();
      feed.close();
      queueLive.close();
      await notifier.close();
      await cluster.close();
      await rates.close();
    },
  };
}
