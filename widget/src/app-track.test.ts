// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { VisitorClientFrame } from '#protocol/visitor';
import { PROTOCOL_VERSION } from '#protocol/version';
import { startWidget } from './app';
import { MemoryStorage } from './storage';
import { TrackQueue } from './track-queue';

/** Page tracking through the whole widget, against a scripted stand-in hub (the real hub's side is tests/hub/visitor-track.test.ts). */
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What the stand-in hub says after a hello: the welcome, then the chat's features (tracking waits for them). */
const welcomeWith = (trackQuery: boolean) => (ws: NodeWebSocket) => {
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
  ws.send(JSON.stringify({ type: 'features', sneakPeek: true, fileMaxBytes: 1_000_000, trackQuery }));
};

describe('widget page tracking', () => {
  it('sends what the loader queued once welcomed, then each new view at once; nothing twice after a reconnect', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const welcome = welcomeWith(false);
    const conns: VisitorClientFrame[][] = [];
    const sockets: NodeWebSocket[] = [];
    server.on('connection', (ws) => {
      const frames: VisitorClientFrame[] = [];
      conns.push(frames);
      sockets.push(ws);
      ws.on('message', (d) => {
        const f = JSON.parse(String(d)) as VisitorClientFrame;
        frames.push(f);
        if (f.type === 'hello' && conns.length === 1) welcome(ws);
      });
    });
    await new Promise((r) => server.on('listening', r));
    const host = document.createElement('parley-widget');
    document.body.append(host);
    const tracking = new TrackQueue(new MemoryStorage(), 'parley.track.demo-shop');
    // Browsed before the body was loaded (the loader queued these); the query and fragment never leave the browser (issue 14).
    tracking.page('https://shop.example/?email=ana%40example.test#top', 'Home', Date.now() - 60_000);
    tracking.cart({ action: 'add', productId: 'pr_1' }, 'https://shop.example/p/1', Date.now() - 30_000);
    const stop = startWidget({
      hubOrigin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      chatKey: 'demo-shop',
      lang: 'en',
      storage: new MemoryStorage(),
      shadow: host.attachShadow({ mode: 'open' }),
      WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
      tracking,
    });
    cleanup.push(
      stop,
      () => sockets.forEach((s) => s.terminate()),
      () => new Promise((r) => server.close(r)),
      () => host.remove(),
    );

    const tracks = (n: number) => conns[n]?.filter((f) => f.type === 'track') ?? [];
    await until(() => tracks(0).length === 2);
    expect(conns[0][0].type).toBe('hello');
    expect(tracks(0)).toMatchObject([
      { event: 'page_view', url: 'https://shop.example/', title: 'Home' },
      { event: 'cart_add', url: 'https://shop.example/p/1', productId: 'pr_1' },
    ]);
    expect((tracks(0)[0] as { ageMs: number }).ageMs).toBeGreaterThanOrEqual(60_000);
    expect(tracking.list()).toEqual([]);

    tracking.page('https://shop.example/p/2', 'Walnut chair', Date.now());
    await until(() => tracks(0).length === 3);
    expect(tracks(0)[2]).toEqual({
      type: 'track',
      event: 'page_view',
      url: 'https://shop.example/p/2',
      title: 'Walnut chair',
    });

    // The hub goes away: a view made before the new connection is welcomed waits for it, and goes
    // out then, with nothing sent before repeated.
    sockets[0].terminate();
    await until(() => conns[1]?.some((f) => f.type === 'hello') ?? false, 10_000);
    tracking.page('https://shop.example/p/3', 'Ash shelf', Date.now());
    expect(tracking.list()).toHaveLength(1);
    welcome(sockets[1]);
    await until(() => tracks(1).length === 1);
    expect(tracks(1)[0]).toMatchObject({ url: 'https://shop.example/p/3' });
    await new Promise((r) => setTimeout(r, 100));
    expect(tracks(1)).toHaveLength(1);
  });

  it('waits for the chat’s features before sending anything, and keeps query strings when the chat opts in', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const frames: VisitorClientFrame[] = [];
    const sockets: NodeWebSocket[] = [];
    server.on('connection', (ws) => {
      sockets.push(ws);
      ws.on('message', (d) => {
        const f = JSON.parse(String(d)) as VisitorClientFrame;
        frames.push(f);
        if (f.type === 'hello')
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
      });
    });
    await new Promise((r) => server.on('listening', r));
    const host = document.createElement('parley-widget');
    document.body.append(host);
    const tracking = new TrackQueue(new MemoryStorage(), 'parley.track.demo-shop');
    tracking.page('https://shop.example/search?q=lamp#results', 'Search', Date.now());
    const stop = startWidget({
      hubOrigin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      chatKey: 'demo-shop',
      lang: 'en',
      storage: new MemoryStorage(),
      shadow: host.attachShadow({ mode: 'open' }),
      WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
      tracking,
    });
    cleanup.push(
      stop,
      () => sockets.forEach((s) => s.terminate()),
      () => new Promise((r) => server.close(r)),
      () => host.remove(),
    );
    await until(() => frames.some((f) => f.type === 'hello'));
    await new Promise((r) => setTimeout(r, 200));
    expect(frames.filter((f) => f.type === 'track')).toEqual([]); // welcomed, but the hub has not said how pages are kept
    sockets[0].send(JSON.stringify({ type: 'features', sneakPeek: true, fileMaxBytes: 1_000_000, trackQuery: true }));
    await until(() => frames.some((f) => f.type === 'track'));
    expect(frames.find((f) => f.type === 'track')).toMatchObject({ url: 'https://shop.example/search?q=lamp#results' });
  });
});
