import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of the hub, so a test can break the network between the browser
 * and the hub the ways real networks break:
 * - cutAll(): every connection is reset at once (a Wi-Fi switch, a NAT that forgot us);
 * - holdOn()/holdOff(), hold(ms): sockets stay open but no byte moves either way, and a close on
 *   one side is not passed on (a silently dead route). Bytes are buffered and flushed on release,
 *   so a short hold only delays; a hold longer than the heartbeat timeout makes both ends give up,
 *   and their closes are passed on at release.
 * New connections made while holding are held too, like a route that is still dead.
 * - down()/up(): the network is gone — every connection is reset and new ones are refused (reset at
 *   once) until up(): a laptop that went offline.
 */
export interface ProxyClose {
  /** Which end closed its socket: the browser's ('client') or the hub's ('hub'). */
  side: 'client' | 'hub';
  /** Connection number (1-based, in accept order). */
  id: number;
  at: number;
}

export interface TcpProxy {
  port: number;
  url: string;
  /** How many connections the proxy has accepted; each client reconnect adds one. */
  readonly accepted: number;
  /** Connections currently open on both ends. */
  readonly open: number;
  /** Every socket close seen, in order, with its time (Date.now()). */
  readonly closes: readonly ProxyClose[];
  /**
   * Ids of connections open right now (to follow what happens to them later); `'websocket'` keeps
   * only upgraded ones, since idle HTTP keep-alive connections end on the hub's own timer.
   */
  openIds(kind?: 'websocket'): number[];
  cutAll(): void;
  holdOn(): void;
  holdOff(): void;
  down(): void;
  up(): void;
  /** Connections refused while down. */
  readonly refused: number;
  /** holdOn(), wait, holdOff(). */
  hold(ms: number): Promise<void>;
  close(): Promise<void>;
}

interface Pipe {
  id: number;
  client: Socket;
  hub: Socket;
  toHub: Buffer[];
  toClient: Buffer[];
  clientClosed: boolean;
  hubClosed: boolean;
  /** The connection's first request asked to upgrade to a WebSocket. */
  websocket: boolean;
}

const UPGRADE = /^GET [^\r\n]+\r\n(?:[^\r\n]+\r\n)*upgrade: *websocket\r\n/i;

export async function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  const pipes = new Set<Pipe>();
  const closes: ProxyClose[] = [];
  let accepted = 0;
  let holding = false;
  let refusing = false;
  let refused = 0;

  /** Moves buffered bytes and passes on closes; a no-op while holding. */
  function pump(p: Pipe) {
    if (holding) return;
    if (!p.hubClosed) for (const b of p.toHub.splice(0)) p.hub.write(b);
    if (!p.clientClosed) for (const b of p.toClient.splice(0)) p.client.write(b);
    // One end gone: the other end learns it now (a reset, as a dead peer would look).
    if (p.clientClosed && !p.hubClosed) p.hub.destroy();
    if (p.hubClosed && !p.clientClosed) p.client.destroy();
    if (p.clientClosed && p.hubClosed) pipes.delete(p);
  }

  const server: Server = createServer({ noDelay: true }, (client) => {
    if (refusing) {
      refused++;
      client.on('error', () => {});
      return void client.destroy();
    }
    const hub = connect({ port: targetPort, host, noDelay: true });
    const p: Pipe = {
      id: ++accepted,
      client,
      hub,
      toHub: [],
      toClient: [],
      clientClosed: false,
      hubClosed: false,
      websocket: false,
    };
    pipes.add(p);
    client.on('data', (b) => {
      if (!p.websocket) p.websocket = UPGRADE.test(b.toString('latin1'));
      p.toHub.push(b);
      pump(p);
    });
    hub.on('data', (b) => {
      p.toClient.push(b);
      pump(p);
    });
    // Errors (resets, refused when the hub is down) just end the pipe; 'close' follows.
    client.on('error', () => {});
    hub.on('error', () => {});
    client.on('close', () => {
      p.clientClosed = true;
      closes.push({ side: 'client', id: p.id, at: Date.now() });
      pump(p);
    });
    hub.on('close', () => {
      p.hubClosed = true;
      closes.push({ side: 'hub', id: p.id, at: Date.now() });
      pump(p);
    });
  });
  await new Promise<void>((ok) => server.listen(0, host, ok));
  const port = (server.address() as { port: number }).port;

  const proxy: TcpProxy = {
    port,
    url: `http://${host}:${port}`,
    get accepted() {
      return accepted;
    },
    get refused() {
      return refused;
    },
    get open() {
      return [...pipes].filter((p) => !p.clientClosed && !p.hubClosed).length;
    },
    closes,
    openIds: (kind) =>
      [...pipes]
        .filter((p) => !p.clientClosed && !p.hubClosed && (kind !== 'websocket' || p.websocket))
        .map((p) => p.id),
    cutAll() {
      for (const p of pipes) {
        p.client.destroy();
        p.hub.destroy();
      }
    },
    holdOn() {
      holding = true;
    },
    down() {
      refusing = true;
      proxy.cutAll();
    },
    up() {
      refusing = false;
    },
    holdOff() {
      holding = false;
      for (const p of [...pipes]) pump(p);
    },
    async hold(ms) {
      proxy.holdOn();
      await new Promise((r) => setTimeout(r, ms));
      proxy.holdOff();
    },
    async close() {
      holding = false;
      for (const p of pipes) {
        p.client.destroy();
        p.hub.destroy();
      }
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
  return proxy;
}
