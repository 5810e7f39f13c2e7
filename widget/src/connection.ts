import { backOff } from 'exponential-backoff';
import { VisitorServerFrame, type VisitorClientFrame } from '#protocol/visitor';
import { HEARTBEAT_TIMEOUT_SECONDS, KEEPALIVE_SECONDS } from '#protocol/limits';

/**
 * The visitor's one WebSocket to the hub. Opens, says `hello`, and counts as `online` once the
 * hub's `welcome` arrives; pings every KEEPALIVE_SECONDS and drops a socket that has been silent
 * for HEARTBEAT_TIMEOUT_SECONDS. After any close it reconnects through exponential-backoff (full
 * jitter, 300 ms doubling to 5 s, forever) unless the hub refused us for good: a fatal error, or
 * `ended {reason: 'blocked'}` (sent instead of `welcome`, or live), which stops it for this page view.
 */

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'stopped';

export interface ConnectionOptions {
  url: string;
  /** Built afresh for every connection. */
  hello: () => VisitorClientFrame;
  /** Every valid frame from the hub, `welcome` included (called after status turns `online`). */
  onFrame: (frame: VisitorServerFrame) => void;
  onStatus: (status: ConnectionStatus) => void;
  WebSocketImpl?: typeof WebSocket;
  /** Overridable for tests; the protocol's values otherwise. */
  keepaliveMs?: number;
  deadAfterMs?: number;
}

/** Errors after which reconnecting cannot help: wrong protocol version, unknown or forbidden chat, a site the chat does not allow. */
const FATAL = new Set(['version', 'not_found', 'forbidden', 'unauthorized', 'origin_not_allowed']);
const CONNECT_TIMEOUT_MS = 10_000;

class Fatal extends Error {}

export class Connection {
  private ws: WebSocket | null = null;
  private ready = false;
  private stopped = false;
  private status: ConnectionStatus | null = null;

  constructor(private readonly opts: ConnectionOptions) {}

  get online(): boolean {
    return this.ready;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
    this.setStatus('stopped');
  }

  /** Sends a frame if the hub has welcomed us; false otherwise (callers keep it in their outbox). */
  send(frame: VisitorClientFrame): boolean {
    if (!this.ready || !this.ws || this.ws.readyState !== 1) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private async run(): Promise<void> {
    let first = true;
    while (!this.stopped) {
      let closed: Promise<void>;
      try {
        ({ closed } = await backOff(() => this.connectOnce(), {
          jitter: 'full',
          startingDelay: 300,
          maxDelay: 5000,
          numOfAttempts: Number.MAX_SAFE_INTEGER,
          // The first page-load connect goes at once; after a drop, wait a jittered moment so a
          // restarted hub is not hit by every visitor in the same millisecond.
          delayFirstAttempt: !first,
          retry: (e) => !this.stopped && !(e instanceof Fatal),
        }));
      } catch {
        this.stopped = true;
        this.setStatus('stopped');
        return;
      }
      first = false;
      await closed;
    }
  }

  /** Resolves once welcomed, with a promise for the socket's end; rejects if it ends before. */
  private connectOnce(): Promise<{ closed: Promise<void> }> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(new Fatal('stopped'));
      this.setStatus(this.status === null ? 'connecting' : 'offline');
      const WS = this.opts.WebSocketImpl ?? WebSocket;
      let ws: WebSocket;
      try {
        ws = new WS(this.opts.url);
      } catch (e) {
        return reject(e);
      }
      this.ws = ws;
      let welcomed = false;
      let fatal: string | null = null;
      let ended = false;
      let lastHeard = Date.now();
      let markClosed: () => void = () => {};
      const closed = new Promise<void>((r) => (markClosed = r));

      const timeout = setTimeout(() => end(), CONNECT_TIMEOUT_MS);
      let heartbeat: ReturnType<typeof setInterval> | undefined;

      const end = () => {
        if (ended) return;
        ended = true;
        clearTimeout(timeout);
        clearInterval(heartbeat);
        ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
        try {
          ws.close();
        } catch {
          /* already closing */
        }
        if (this.ws === ws) this.ws = null;
        this.ready = false;
        if (!this.stopped) this.setStatus(fatal ? 'stopped' : 'offline');
        if (welcomed) markClosed();
        else reject(fatal ? new Fatal(fatal) : new Error('connection closed'));
      };

      ws.onopen = () => {
        ws.send(JSON.stringify(this.opts.hello()));
      };
      ws.onmessage = (ev: MessageEvent) => {
        lastHeard = Date.now();
        const frame = parse(ev.data);
        if (!frame) return;
        if (frame.type === 'error' && !welcomed && FATAL.has(frame.code)) {
          fatal = frame.code;
          return end();
        }
        if (frame.type === 'ended' && frame.reason === 'blocked') {
          // Retrying would only be refused again (and hammer the hub); the block is not stored, so
          // the next page view asks again and an expired block just works.
          fatal = 'blocked';
          this.stopped = true;
          this.opts.onFrame(frame);
          this.setStatus('stopped');
          return end();
        }
        if (frame.type === 'welcome' && !welcomed) {
          welcomed = true;
          clearTimeout(timeout);
          // Dead only if a ping is unanswered and nothing at all has come for (nearly) the timeout:
          // a tab whose timers the browser throttles (hidden tabs: once a minute) pings first and
          // is judged on a later tick, so it is late, not dead. Checked every checkMs against a
          // limit one check short of the timeout, so a silently dead link is given up within
          // HEARTBEAT_TIMEOUT (judging only at each 20 s ping took up to 80 s).
          const keepaliveMs = this.opts.keepaliveMs ?? KEEPALIVE_SECONDS * 1000;
          const deadAfterMs = this.opts.deadAfterMs ?? HEARTBEAT_TIMEOUT_SECONDS * 1000;
          const checkMs = Math.min(keepaliveMs, 5000);
          let awaiting: number | null = null;
          let lastPing = Date.now();
          heartbeat = setInterval(() => {
            const now = Date.now();
            if (awaiting !== null && lastHeard < awaiting && now - lastHeard > deadAfterMs - checkMs) return end();
            if (awaiting !== null && lastHeard >= awaiting) awaiting = null;
            if (now - lastPing < keepaliveMs - checkMs / 2) return;
            lastPing = now;
            awaiting ??= now;
            try {
              ws.send(JSON.stringify({ type: 'ping', t: now } satisfies VisitorClientFrame));
            } catch {
              end();
            }
          }, checkMs);
          this.ready = true;
          this.setStatus('online');
          resolve({ closed });
        }
        this.opts.onFrame(frame);
      };
      ws.onclose = () => end();
      ws.onerror = () => end();
    });
  }

  private setStatus(s: ConnectionStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.opts.onStatus(s);
  }
}

/** Raw socket data → a validated hub frame, or null for anything malformed (ignored, not fatal). */
export function parse(data: unknown): VisitorServerFrame | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const result = VisitorServerFrame.safeParse(json);
  return result.success ? result.data : null;
}
