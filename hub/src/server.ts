import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { HEARTBEAT_TIMEOUT_SECONDS, LIMITS } from '../../protocol';
import { createLocalNotifier, type Notifier } from './events/bus';
import { createEventFeed } from './events/feed';
import { createLogPruner } from './events/retention';
import { createVisitorViews } from './routing/visitor-view';
import type { Db } from './storage/db';
import { migrate } from './storage/migrate';
import type { HubContext } from './transport/context';
import { trustProxies } from './net/client-ip';
import { createHttpHandler, type StaticPaths } from './transport/http';
import { createPresence } from './transport/presence';
import { createChatRepsView } from './transport/chat-reps-view';
import { createViewers } from './transport/viewers';
import { createLiveRelay } from './transport/live-relay';
import { createFileStore } from './files/store';
import { lapseDueOffers } from './routing/lapse';
import { abandonLeftConversations, createVisitorPresence } from './routing/abandon';
import { serveRepSocket } from './transport/rep-socket';
import { serveVisitorSocket } from './transport/visitor-socket';

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
}

export interface Hub {
  url: string;
  port: number;
  ctx: HubContext;
  /** One pass of the timers: lapsed offers move on. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

const defaultPaths: StaticPaths = {
  widgetDir: fileURLToPath(new URL('../../widget/dist/', import.meta.url)),
  demoDir: fileURLToPath(new URL('../demo/', import.meta.url)),
};

/** Migrates, starts HTTP + WebSocket on one port, and returns once it accepts connections. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const { db } = options;
  await migrate(db);
  const notifier = options.notifier ?? createLocalNotifier();
  const feed = await createEventFeed(db, notifier);
  const committed = () => notifier.notify();
  const now = options.clock ?? Date.now;
  const visitorViews = createVisitorViews(db, now);
  feed.subscribe(visitorViews.onEvent); // before any socket subscribes, so a refresh never reads a dropped view
  const chatReps = createChatRepsView(db);
  feed.subscribe(chatReps.onEvent);
  const ctx: HubContext = { db, feed, committed, now, presence: createPresence(db, committed, now, options.presenceGraceMs), viewers: createViewers(db), chatReps, visitors: createVisitorPresence(db, now), visitorViews,
    files: await createFileStore(options.filesDir ?? (await mkdtemp(join(tmpdir(), 'parley-files-')))), live: createLiveRelay(db), trustProxy: trustProxies(options.trustedProxies ?? []) };
  const prune = createLogPruner(db);
  const tick = async () => {
    const moved = [...(await lapseDueOffers(db, now())), ...(await abandonLeftConversations(db, now()))];
    if (moved.length > 0) committed();
    await prune(now());
  };
  // After a restart, reps' extensions reconnect within seconds: keep their availability (so their
  // conversations stay theirs) and set offline only those still absent after a heartbeat timeout.
  const reconcile = options.timers === false ? null : setTimeout(() => void ctx.presence.reconcile().catch((err) => console.error('hub: presence check failed', err)), HEARTBEAT_TIMEOUT_SECONDS * 1000);
  let ticking = false;
  const timer = options.timers === false ? null : setInterval(() => {
    if (ticking) return;
    ticking = true;
    tick().catch((err) => console.error('hub: offer sweep failed', err)).finally(() => (ticking = false));
  }, 1000);

  const server: Server = createServer(createHttpHandler(ctx, { ...defaultPaths, ...options.paths }));
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.frameBytes * 4 });
  const serve: Record<string, typeof serveVisitorSocket> = { '/ws/rep': serveRepSocket, '/ws/visitor': serveVisitorSocket };
  server.on('upgrade', (req, socket, head) => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://hub').pathname;
    } catch {
      return void socket.destroy(); // e.g. "//[": not a path; unanswered it would crash the hub
    }
    const handler = serve[path];
    if (!handler) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => handler(ws, ctx, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    ctx,
    tick,
    async close() {
      if (timer) clearInterval(timer);
      if (reconcile) clearTimeout(reconcile);
      ctx.presence.stop();
      feed.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await notifier.close();
    },
  };
}
