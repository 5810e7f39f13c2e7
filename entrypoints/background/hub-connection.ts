import { backOff } from 'exponential-backoff';
import {
  HEARTBEAT_TIMEOUT_SECONDS,
  KEEPALIVE_SECONDS,
  PROTOCOL_VERSION,
  RepServerFrame,
  type RepClientFrame,
} from '#protocol';

/**
 * One rep connection to the hub: hello/resume, keepalive, reconnect with capped exponential
 * backoff and full jitter. It knows nothing of Dexie or the UI; the caller passes callbacks, which
 * keeps it testable against a real ws server.
 */

export type LinkState = 'connecting' | 'online' | 'offline';

/** The subset of the WebSocket API used here; the browser's WebSocket and the `ws` package both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the DOM's and ws's event types differ; each listener narrows its own
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: any) => void): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface HubConnectionOptions {
  /** ws:// or wss:// address of /ws/rep. */
  url: string;
  token: string;
  /** Read at every (re)connect so a resume never skips or repeats what is already applied. */
  getLastEventId: () => number | Promise<number>;
  onFrame: (frame: RepServerFrame) => void;
  onStateChange?: (state: LinkState) => void;
  /** The hub refused the token: the connection stops for good. */
  onUnauthorized?: () => void;
  createSocket?: SocketFactory;
  startingDelayMs?: number;
  maxDelayMs?: number;
  keepaliveMs?: number;
  /** Silence longer than this means a dead link (e.g. a laptop lid was closed); reconnect. */
  silenceTimeoutMs?: number;
  /** A socket that has not been welcomed within this time is given up and retried. */
  welcomeTimeoutMs?: number;
  log?: (...args: unknown[]) => void;
}

export interface HubConnection {
  start(): void;
  stop(): void;
  /** Sends when the socket is open and past hello; false otherwise (the caller decides what waits). */
  send(frame: RepClientFrame): boolean;
  readonly isOnline: boolean;
  readonly isRunning: boolean;
}

/** WebSocket close code the hub uses for a bad or expired token. */
export const CLOSE_UNAUTHORIZED = 4001;
const OPEN = 1;

class Stopped extends Error {}
class Unauthorized extends Error {}

export function createHubConnection(options: HubConnectionOptions): HubConnection {
  const log = options.log ?? ((...args: unknown[]) => console.warn('[parley hub]', ...args));
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
  const keepaliveMs = options.keepaliveMs ?? KEEPALIVE_SECONDS * 1000;
  const silenceTimeoutMs = options.silenceTimeoutMs ?? HEARTBEAT_TIMEOUT_SECONDS * 1000;

  let running = false;
  /** Bumped by every start(): a loop left over from before a stop()/start() pair sees it and quits. */
  let generation = 0;
  let online = false;
  let socket: SocketLike | null = null;

  const setState = (state: LinkState) => {
    online = state === 'online';
    options.onStateChange?.(state);
  };

  /**
   * One socket's life. Rejects if it never got past hello (so backOff retries with a longer delay);
   * resolves when a session that did get online ends (so the next one starts from a short delay).
   */
  function session(alive: () => boolean): Promise<void> {
    if (!alive()) return Promise.reject(new Stopped());
    setState('connecting');
    return new Promise<void>((resolve, reject) => {
      const ws = createSocket(options.url);
      socket = ws;
      let welcomed = false;
      let unauthorized = false;
      let lastHeard = Date.now();
      let keepalive: ReturnType<typeof setInterval> | undefined;
      let ended = false;
      // Giving up on a socket ends its session now: on a dead route the browser fires 'close' only
      // when the closing handshake times out, which may be minutes later.
      const giveUp = (reason: string) => {
        ws.close(4000, reason);
        end(4000);
      };
      const welcomeTimer = setTimeout(() => {
        if (!welcomed) giveUp('no welcome');
      }, options.welcomeTimeoutMs ?? 10_000);

      ws.addEventListener('open', async () => {
        const lastEventId = await options.getLastEventId();
        if (ws.readyState !== OPEN) return;
        ws.send(
          JSON.stringify({
            type: 'hello',
            v: PROTOCOL_VERSION,
            token: options.token,
            lastEventId,
          } satisfies RepClientFrame),
        );
        // Silence is checked every checkMs against a limit one check short of the timeout, so a
        // link that dies silently is given up within silenceTimeoutMs (checking only at each 20 s
        // ping let it look alive for up to 65 s); pings still go every keepaliveMs.
        const checkMs = Math.min(keepaliveMs, 5000);
        let lastPing = Date.now();
        keepalive = setInterval(() => {
          const now = Date.now();
          if (now - lastHeard > silenceTimeoutMs - checkMs) return giveUp('silent');
          if (now - lastPing < keepaliveMs - checkMs / 2 || ws.readyState !== OPEN) return;
          lastPing = now;
          ws.send(JSON.stringify({ type: 'ping', t: now }));
        }, checkMs);
      });

      ws.addEventListener('message', (event: { data: unknown }) => {
        if (ended) return;
        lastHeard = Date.now();
        let json: unknown;
        try {
          json = JSON.parse(String(event.data));
        } catch {
          return log('ignored a frame that is not JSON');
        }
        const parsed = RepServerFrame.safeParse(json);
        if (!parsed.success) return log('ignored an invalid frame', parsed.error.issues[0]?.message);
        const frame = parsed.data;
        if (frame.type === 'welcome') {
          welcomed = true;
          setState('online');
        }
        if (frame.type === 'error' && frame.code === 'unauthorized' && !frame.reqId) unauthorized = true;
        options.onFrame(frame);
      });

      ws.addEventListener('error', () => {
        // A 'close' always follows; the outcome is decided there.
      });

      ws.addEventListener('close', (event: { code?: number }) => end(event.code));

      function end(code: number | undefined) {
        if (ended) return;
        ended = true;
        clearInterval(keepalive);
        clearTimeout(welcomeTimer);
        if (socket === ws) socket = null;
        if (alive()) setState('offline');
        if (unauthorized || code === CLOSE_UNAUTHORIZED) reject(new Unauthorized());
        else if (!alive()) reject(new Stopped());
        else if (welcomed) resolve();
        else reject(new Error(`closed before welcome (code ${code ?? '?'})`));
      }
    });
  }

  async function run(alive: () => boolean) {
    let firstSession = true;
    while (alive()) {
      try {
        await backOff(() => session(alive), {
          // After a session that was online, wait a jittered moment too, so a hub that accepts and
          // drops every connection is not hammered in a tight loop.
          delayFirstAttempt: !firstSession,
          startingDelay: options.startingDelayMs ?? 300,
          maxDelay: options.maxDelayMs ?? 5000,
          jitter: 'full',
          numOfAttempts: Number.POSITIVE_INFINITY,
          retry: (error) => alive() && !(error instanceof Unauthorized || error instanceof Stopped),
        });
        firstSession = false;
      } catch (error) {
        if (error instanceof Unauthorized && alive()) {
          running = false;
          options.onUnauthorized?.();
        }
        return;
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      const mine = ++generation;
      void run(() => running && generation === mine);
    },
    stop() {
      running = false;
      online = false;
      socket?.close(1000, 'stopped');
      socket = null;
    },
    send(frame) {
      if (!online || !socket || socket.readyState !== OPEN) return false;
      socket.send(JSON.stringify(frame));
      return true;
    },
    get isOnline() {
      return online;
    },
    get isRunning() {
      return running;
    },
  };
}

/** http://host:port → ws://host:port/ws/rep (https → wss). */
export function repSocketUrl(hubUrl: string): string {
  const url = new URL('/ws/rep', hubUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
