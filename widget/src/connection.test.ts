import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { VisitorServerFrame } from '#protocol/visitor';
import { PROTOCOL_VERSION } from '#protocol/version';
import { Connection, parse, type ConnectionStatus } from './connection';

/** A stand-in hub: records each hello and answers it as `reply` says. */
function fakeHub(port = 0, reply: (hello: unknown, ws: NodeWebSocket) => void = (_h, ws) => welcome(ws)) {
  const server = new WebSocketServer({ port, host: '127.0.0.1' });
  const hellos: unknown[] = [];
  server.on('connection', (ws) => {
    ws.once('message', (data) => {
      const hello = JSON.parse(String(data));
      hellos.push(hello);
      reply(hello, ws);
    });
  });
  const ready = new Promise<number>((r) =>
    server.on('listening', () => r((server.address() as { port: number }).port)),
  );
  const close = () =>
    new Promise<void>((r) => {
      for (const c of server.clients) c.terminate();
      server.close(() => r());
    });
  return { server, hellos, ready, close };
}

const welcome = (ws: NodeWebSocket) =>
  ws.send(
    JSON.stringify({
      type: 'welcome',
      v: PROTOCOL_VERSION,
      visitorId: 'v_1',
      conversationId: null,
      messages: [],
      availability: 'open',
      queue: null,
    }),
  );

function connect(port: number, timing: { keepaliveMs?: number; deadAfterMs?: number } = {}) {
  const statuses: ConnectionStatus[] = [];
  const frames: VisitorServerFrame[] = [];
  const conn = new Connection({
    url: `ws://127.0.0.1:${port}/ws/visitor`,
    hello: () => ({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', token: 'T'.repeat(43) }),
    onFrame: (f) => frames.push(f),
    onStatus: (s) => statuses.push(s),
    WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
    ...timing,
  });
  conn.start();
  return { conn, statuses, frames };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

describe('parse', () => {
  it('accepts valid hub frames and ignores anything else', () => {
    expect(parse(JSON.stringify({ type: 'pong', t: 1 }))).toEqual({ type: 'pong', t: 1 });
    expect(parse('{not json')).toBeNull();
    expect(parse(JSON.stringify({ type: 'ack', clientId: 'short' }))).toBeNull();
    expect(parse(JSON.stringify({ type: 'explode' }))).toBeNull();
    expect(parse(new ArrayBuffer(4))).toBeNull();
  });
});

describe('Connection', () => {
  it('says hello, goes online on welcome and passes on only valid frames', async () => {
    const hub = fakeHub(0, (_h, ws) => {
      ws.send('garbage');
      welcome(ws);
      ws.send(JSON.stringify({ type: 'message', message: { id: 'm1' } })); // invalid: ignored
      ws.send(JSON.stringify({ type: 'ack', clientId: 'client-0001', messageId: 'm1' }));
    });
    const port = await hub.ready;
    const c = connect(port);
    cleanup.push(() => c.conn.stop(), hub.close);

    await until(() => c.frames.length === 2);
    expect(hub.hellos).toEqual([{ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', token: 'T'.repeat(43) }]);
    expect(c.frames.map((f) => f.type)).toEqual(['welcome', 'ack']);
    expect(c.statuses).toEqual(['connecting', 'online']);
    expect(c.conn.online).toBe(true);
    expect(c.conn.send({ type: 'ping', t: 1 })).toBe(true);
  });

  it('does not send before the welcome', async () => {
    const hub = fakeHub(0, () => {}); // never welcomes
    const port = await hub.ready;
    const c = connect(port);
    cleanup.push(() => c.conn.stop(), hub.close);
    await until(() => hub.hellos.length === 1);
    expect(c.conn.send({ type: 'ping', t: 1 })).toBe(false);
  });

  it('reconnects after the hub goes away and comes back on the same port', async () => {
    const first = fakeHub();
    const port = await first.ready;
    const c = connect(port);
    cleanup.push(() => c.conn.stop());
    await until(() => c.statuses.includes('online'));

    await first.close();
    await until(() => c.statuses.at(-1) === 'offline');
    expect(c.conn.send({ type: 'ping', t: 1 })).toBe(false);
    await new Promise((r) => setTimeout(r, 700)); // a few failed attempts while the hub is down

    const second = fakeHub(port);
    cleanup.push(second.close);
    await until(() => c.statuses.at(-1) === 'online');
    expect(second.hellos).toHaveLength(1);
    expect(c.statuses).toEqual(['connecting', 'online', 'offline', 'online']);
  });

  it('pings, and drops a socket that stops answering, then reconnects', async () => {
    let answer = true;
    const pings: number[] = [];
    const hub = fakeHub(0, (_h, ws) => {
      welcome(ws);
      ws.on('message', (d) => {
        const f = JSON.parse(String(d));
        if (f.type !== 'ping') return;
        pings.push(f.t);
        if (answer) ws.send(JSON.stringify({ type: 'pong', t: f.t }));
      });
    });
    const port = await hub.ready;
    const c = connect(port, { keepaliveMs: 50, deadAfterMs: 200 });
    cleanup.push(() => c.conn.stop(), hub.close);

    await until(() => pings.length >= 5);
    expect(c.statuses).toEqual(['connecting', 'online']); // answered pings keep it up
    answer = false; // the hub goes silent but keeps the TCP connection open
    await until(() => hub.hellos.length === 2);
    expect(c.statuses.slice(0, 3)).toEqual(['connecting', 'online', 'offline']);
  });

  it.each(['not_found', 'origin_not_allowed'])('stops for good when the hub refuses the chat (%s)', async (code) => {
    const hub = fakeHub(0, (_h, ws) => ws.send(JSON.stringify({ type: 'error', code, message: 'refused' })));
    const port = await hub.ready;
    const c = connect(port);
    cleanup.push(() => c.conn.stop(), hub.close);
    await until(() => c.statuses.at(-1) === 'stopped');
    await new Promise((r) => setTimeout(r, 800));
    expect(hub.hellos).toHaveLength(1);
  });

  it('stops for good when a blocked visitor is told so instead of a welcome, then closed', async () => {
    const hub = fakeHub(0, (_h, ws) => {
      ws.send(JSON.stringify({ type: 'ended', reason: 'blocked' }));
      ws.close();
    });
    const port = await hub.ready;
    const c = connect(port);
    cleanup.push(() => c.conn.stop(), hub.close);
    await until(() => c.statuses.at(-1) === 'stopped');
    await new Promise((r) => setTimeout(r, 800)); // several backoff delays: no second hello
    expect(hub.hellos).toHaveLength(1);
    expect(c.frames).toEqual([{ type: 'ended', reason: 'blocked' }]);
    expect(c.statuses).toEqual(['connecting', 'stopped']);
  });

  it('stops reconnecting when blocked during a live session', async () => {
    const sockets: NodeWebSocket[] = [];
    const hub = fakeHub(0, (_h, ws) => {
      sockets.push(ws);
      welcome(ws);
    });
    const port = await hub.ready;
    const c = connect(port);
    cleanup.push(() => c.conn.stop(), hub.close);
    await until(() => c.statuses.at(-1) === 'online');
    sockets[0].send(JSON.stringify({ type: 'ended', reason: 'ended' })); // a plain end keeps the socket
    await until(() => c.frames.length === 2);
    expect(c.conn.online).toBe(true);
    sockets[0].send(JSON.stringify({ type: 'ended', reason: 'blocked' }));
    sockets[0].close();
    await until(() => c.statuses.at(-1) === 'stopped');
    await new Promise((r) => setTimeout(r, 800));
    expect(hub.hellos).toHaveLength(1);
    expect(c.conn.send({ type: 'ping', t: 1 })).toBe(false);
  });
});
