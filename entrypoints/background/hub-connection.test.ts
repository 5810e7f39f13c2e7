import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, type RepServerFrame } from '#protocol';
import {
  CLOSE_UNAUTHORIZED,
  createHubConnection,
  repSocketUrl,
  type HubConnection,
  type LinkState,
} from './hub-connection';
import { REP, conversation, event, nodeSocket, startFakeHub, type FakeHub } from './fake-hub.testing';

let hub: FakeHub;
let connection: HubConnection | undefined;

beforeEach(async () => {
  hub = await startFakeHub();
  // A minimal hub: welcome, then the synced marker.
  hub.onFrame = (frame, socket) => {
    if (frame.type === 'hello') {
      hub.send(socket, { type: 'welcome', v: PROTOCOL_VERSION, rep: REP, headEventId: 7, queues: [] });
      hub.send(socket, { type: 'synced', lastEventId: 7 });
    }
  };
});
afterEach(async () => {
  connection?.stop();
  await hub.close();
});

function connect(overrides: Partial<Parameters<typeof createHubConnection>[0]> = {}) {
  const frames: RepServerFrame[] = [];
  const states: LinkState[] = [];
  let lastEventId = 5;
  connection = createHubConnection({
    url: hub.url,
    token: 'token-anna',
    getLastEventId: () => lastEventId,
    onFrame: (frame) => frames.push(frame),
    onStateChange: (state) => states.push(state),
    createSocket: nodeSocket,
    startingDelayMs: 20,
    maxDelayMs: 100,
    log: () => {},
    ...overrides,
  });
  connection.start();
  return { frames, states, setLastEventId: (id: number) => (lastEventId = id) };
}

describe('createHubConnection against a real ws server', () => {
  it('says hello with the protocol version, token and stored lastEventId, then goes online', async () => {
    const { frames, states } = connect();
    await hub.waitFor(() => frames.some((f) => f.type === 'synced'));
    expect(hub.received[0]).toEqual({ type: 'hello', v: PROTOCOL_VERSION, token: 'token-anna', lastEventId: 5 });
    expect(states).toEqual(['connecting', 'online']);
    expect(connection!.isOnline).toBe(true);
  });

  it('passes valid frames on in order and drops invalid ones', async () => {
    hub.onFrame = (frame, socket) => {
      if (frame.type !== 'hello') return;
      hub.send(socket, { type: 'welcome', v: PROTOCOL_VERSION, rep: REP, headEventId: 2, queues: [] });
      socket.send('not json');
      socket.send(JSON.stringify({ type: 'event', event: { id: 'x' } }));
      hub.send(socket, {
        type: 'event',
        event: event(1, 'conversation.opened', { conversation: conversation('c1', 'pending') }),
      });
      hub.send(socket, { type: 'synced', lastEventId: 1 });
    };
    const { frames } = connect();
    await hub.waitFor(() => frames.some((f) => f.type === 'synced'));
    expect(frames.map((f) => f.type)).toEqual(['welcome', 'event', 'synced']);
  });

  it('sends commands only while online', async () => {
    const { frames } = connect();
    expect(connection!.send({ type: 'take', clientId: 'client-take-1', reqId: 'r1', conversationId: 'c1' })).toBe(
      false,
    );
    await hub.waitFor(() => frames.some((f) => f.type === 'synced'));
    expect(connection!.send({ type: 'take', clientId: 'client-take-1', reqId: 'r2', conversationId: 'c1' })).toBe(true);
    await hub.waitFor(() => hub.received.find((f) => f.type === 'take'));
    expect(hub.received.filter((f) => f.type === 'take')).toEqual([
      { type: 'take', clientId: 'client-take-1', reqId: 'r2', conversationId: 'c1' },
    ]);
  });

  it('keeps the link alive with pings', async () => {
    connect({ keepaliveMs: 30 });
    await hub.waitFor(() => hub.received.filter((f) => f.type === 'ping').length >= 2);
    expect(hub.received.find((f) => f.type === 'ping')).toMatchObject({ type: 'ping', t: expect.any(Number) });
  });

  it('reconnects after the hub drops it and resumes from the lastEventId stored by then', async () => {
    const { states, setLastEventId } = connect();
    await hub.waitFor(() => states.includes('online'));
    setLastEventId(9);
    for (const socket of hub.sockets) socket.terminate();
    await hub.waitFor(() => hub.received.filter((f) => f.type === 'hello').length === 2);
    const hellos = hub.received.filter((f) => f.type === 'hello');
    expect(hellos.map((h) => h.lastEventId)).toEqual([5, 9]);
    await hub.waitFor(() => states.filter((s) => s === 'online').length === 2);
    expect(states).toContain('offline');
  });

  it('keeps retrying with backoff while the hub is down', async () => {
    const port = new URL(hub.url).port;
    await hub.close();
    const { states } = connect({ url: `ws://127.0.0.1:${port}/ws/rep` });
    await hub.waitFor(() => states.filter((s) => s === 'connecting').length >= 3, 3000);
    expect(connection!.isOnline).toBe(false);
    expect(connection!.isRunning).toBe(true);
    hub = await startFakeHub(); // give afterEach a live server to close
  });

  it('stops for good and reports when the hub refuses the token', async () => {
    hub.onFrame = (frame, socket) => {
      if (frame.type !== 'hello') return;
      hub.send(socket, { type: 'error', code: 'unauthorized', message: 'bad token' });
      socket.close(CLOSE_UNAUTHORIZED, 'unauthorized');
    };
    const onUnauthorized = vi.fn();
    connect({ onUnauthorized });
    await hub.waitFor(() => onUnauthorized.mock.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.connections).toBe(1);
    expect(connection!.isRunning).toBe(false);
  });

  it('stop() closes the socket and does not reconnect', async () => {
    const { states } = connect();
    await hub.waitFor(() => states.includes('online'));
    connection!.stop();
    await hub.waitFor(() => hub.sockets.size === 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hub.connections).toBe(1);
  });
});

describe('a hub that never welcomes', () => {
  it('is given up after the welcome timeout and retried', async () => {
    hub.onFrame = () => {};
    const { states } = connect({ welcomeTimeoutMs: 100 });
    // Wait for the second hello itself: the second socket may be counted before its first frame lands.
    await hub.waitFor(() => hub.received.filter((f) => f.type === 'hello').length >= 2);
    expect(hub.connections).toBeGreaterThanOrEqual(2);
    expect(states).toContain('offline');
  });
});

describe('restarting', () => {
  it('stop() then start() leaves exactly one live socket, even while a retry was waiting', async () => {
    hub.onFrame = () => {}; // never welcomes: the first loop keeps retrying with backoff
    connect({ startingDelayMs: 150, maxDelayMs: 150 });
    await hub.waitFor(() => hub.connections >= 1);
    connection!.stop();
    hub.onFrame = (frame, socket) => {
      if (frame.type === 'hello')
        hub.send(socket, { type: 'welcome', v: PROTOCOL_VERSION, rep: REP, headEventId: 0, queues: [] });
    };
    connection!.start();
    await hub.waitFor(() => connection!.isOnline);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hub.sockets.size).toBe(1);
  });
});

describe('repSocketUrl', () => {
  it('maps the hub URL to its rep socket', () => {
    expect(repSocketUrl('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/ws/rep');
    expect(repSocketUrl('https://hub.example.com/')).toBe('wss://hub.example.com/ws/rep');
  });
});
