import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PROTOCOL_VERSION, type HubEvent, type RepProfile } from '../../protocol';
import { createDb, getLastEventId, getQueues, type ParleyDb } from '../../utils/db';
import { viewersItem, viewingItem } from '../../utils/viewers';
import { connectionStateItem, readSession, writeSession } from '../../utils/settings';
import { CLOSE_UNAUTHORIZED } from './hub-connection';
import { REP, conversation, event, message, nodeSocket, startFakeHub, type FakeHub } from './fake-hub.testing';
import { createRepClient, type RepClient } from './rep-client';

/**
 * The worker's parts together against a scripted hub on a real socket: replay, badge, outbox,
 * commands, refused tokens, sign-out, and a worker restart in the middle.
 */

const QUEUE = { id: 'queue-1', chatId: 'chat-1', name: 'Sales' };

let hub: FakeHub;
let db: ParleyDb;
let log: HubEvent[];
let clients: RepClient[] = [];
let currentRep: RepProfile = { ...REP };
const hubHttp = () => hub.url.replace('ws://', 'http://').replace('/ws/rep', '');

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`client-${crypto.randomUUID()}`);
  hub = await startFakeHub();
  log = [
    event(1, 'conversation.opened', { conversation: conversation('c1', 'pending') }),
    event(2, 'message.created', { message: message('m1', 'c1') }),
    event(3, 'conversation.opened', { conversation: conversation('c2', 'active', REP.id) }),
  ];
  const acked = new Set<string>();
  currentRep = { ...REP };
  alerts.newPending.mockClear();
  alerts.closingSoon.mockClear();
  hub.onFrame = (frame, socket) => {
    switch (frame.type) {
      case 'hello':
        if (frame.token !== 'good-token') {
          hub.send(socket, { type: 'error', code: 'unauthorized', message: 'bad token' });
          return socket.close(CLOSE_UNAUTHORIZED);
        }
        hub.send(socket, { type: 'welcome', v: PROTOCOL_VERSION, rep: currentRep, headEventId: log.length, queues: [QUEUE] });
        for (const e of log.filter((e) => e.id > frame.lastEventId)) hub.send(socket, { type: 'event', event: e });
        return hub.send(socket, { type: 'synced', lastEventId: log.length });
      case 'take':
        if (frame.conversationId === 'taken') return hub.send(socket, { type: 'error', reqId: frame.reqId, code: 'conflict', message: 'too late' });
        return hub.send(socket, { type: 'ack', reqId: frame.reqId });
      case 'searchReps': {
        // Answered after a delay that shrinks with the query length: later questions answer first.
        const reps = [{ id: `rep-${frame.query}`, name: frame.query, extension: '201', status: 'online' as const }];
        setTimeout(() => hub.send(socket, { type: 'reps', reqId: frame.reqId, reps }), 100 - frame.query.length * 20);
        return;
      }
      case 'setMode': {
        // Like the real hub: a mode beyond the role is refused; otherwise ack, then the new profile.
        const role = currentRep.role as string;
        const allowed = role === 'admin' || (role === 'observer' && frame.mode !== 'admin') || frame.mode === 'rep';
        if (!allowed) return hub.send(socket, { type: 'error', reqId: frame.reqId, code: 'forbidden', message: 'mode not granted' });
        currentRep = { ...currentRep, mode: frame.mode };
        hub.send(socket, { type: 'ack', reqId: frame.reqId });
        return hub.send(socket, { type: 'profile', rep: currentRep });
      }
      case 'history':
        return hub.send(socket, { type: 'history', reqId: frame.reqId, conversationId: frame.conversationId, messages: [message('old-1', frame.conversationId), message('old-2', frame.conversationId, 'client-lost-ack')] });
      case 'transfer':
      case 'markHandled':
      case 'endSession':
      case 'block':
      case 'archive':
      case 'unarchive':
      case 'delete':
        if (frame.conversationId === 'forbidden') return hub.send(socket, { type: 'error', reqId: frame.reqId, code: 'forbidden', message: 'not yours' });
        return hub.send(socket, { type: 'ack', reqId: frame.reqId });
      case 'send': {
        // Like the real hub: dedupe by clientId, always ack, and echo the message as an event.
        if (!acked.has(frame.clientId)) {
          acked.add(frame.clientId);
          const e = event(log.length + 1, 'message.created', { message: { ...message(`m-${frame.clientId}`, frame.conversationId, frame.clientId), text: frame.text } });
          log.push(e);
          hub.broadcast({ type: 'event', event: e });
        }
        return hub.send(socket, { type: 'ack', reqId: frame.reqId, messageId: `m-${frame.clientId}` });
      }
    }
  };
});

afterEach(async () => {
  for (const client of clients) await client.signOut().catch(() => {});
  clients = [];
  await hub.close();
});

const alerts = { newPending: vi.fn(async () => {}), closingSoon: vi.fn(async () => {}) };

function newClient(fetchImpl: typeof fetch = vi.fn(async () => new Response(null, { status: 204 }))) {
  const client = createRepClient({
    db,
    alerts,
    fetchImpl,
    commandTimeoutMs: 500,
    waitOnlineMs: 300,
    connection: { createSocket: nodeSocket, startingDelayMs: 20, maxDelayMs: 100 },
  });
  clients.push(client);
  return client;
}

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met in time');
};
const waitForState = (state: string) => until(async () => (await connectionStateItem.getValue()) === state);

describe('rep client', () => {
  it('signs in over REST, connects, replays the log into Dexie and sets the badge', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ token: 'good-token', rep: REP }));
    const client = newClient(fetchImpl as unknown as typeof fetch);
    const result = await client.signIn({ hubUrl: `${hubHttp()}/`, email: REP.email, password: 'parley-demo' });
    expect(result).toEqual({ ok: true, rep: REP });
    expect(fetchImpl).toHaveBeenCalledWith(`${hubHttp()}/api/auth/login`, expect.objectContaining({ method: 'POST' }));
    expect(await readSession()).toMatchObject({ hubUrl: hubHttp(), token: 'good-token' });

    await until(async () => (await getLastEventId(db)) === 3);
    expect(hub.received[0]).toMatchObject({ type: 'hello', lastEventId: 0 });
    expect(await db.conversations.count()).toBe(2);
    await until(async () => (await browser.action.getBadgeText({})) === '1');
    expect(await client.getState()).toMatchObject({ connection: 'online', rep: REP });
  });

  it('reports a refused login without storing anything', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ error: { code: 'unauthorized', message: 'wrong password' } }, { status: 401 }));
    const client = newClient(fetchImpl as unknown as typeof fetch);
    const result = await client.signIn({ hubUrl: hubHttp(), email: REP.email, password: 'nope' });
    expect(result).toEqual({ ok: false, reason: 'wrong-credentials', message: 'wrong password' });
    expect(await readSession()).toBeNull();
    expect(hub.connections).toBe(0);
  });

  it('resumes after a worker restart from the stored lastEventId, without duplicates', async () => {
    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    const first = newClient();
    await first.ensureConnected();
    await until(async () => (await getLastEventId(db)) === 3);
    first.connection?.stop(); // the worker is killed

    log.push(event(4, 'message.created', { message: message('m2', 'c1') }));
    const second = newClient();
    await second.ensureConnected();
    await until(async () => (await getLastEventId(db)) === 4);
    expect(hub.received.filter((f) => f.type === 'hello').map((f) => (f as { lastEventId: number }).lastEventId)).toEqual([0, 3]);
    expect(await db.messages.count()).toBe(2);
  });

  it('queues replies while offline and delivers them in order, exactly once, when connected', async () => {
    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    const client = newClient();
    // Offline: the replies wait in the outbox.
    const a = await client.send('c2', 'first');
    const b = await client.send('c2', 'second');
    expect(await db.outbox.count()).toBe(2);

    await client.ensureConnected();
    await until(async () => (await db.outbox.count()) === 0);
    const sends = hub.received.filter((f) => f.type === 'send');
    expect(sends.map((f) => (f as { clientId: string }).clientId)).toEqual([a.clientId, b.clientId]);
    await until(async () => (await db.messages.where('clientId').anyOf(a.clientId, b.clientId).count()) === 2);
    expect(await db.messages.where('conversationId').equals('c2').count()).toBe(2);
  });

  it("returns the hub's answer to take, and 'offline' when there is no connection", async () => {
    const client = newClient();
    expect(await client.take('c1')).toMatchObject({ ok: false, code: 'offline' });

    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    await client.ensureConnected();
    await waitForState('online');
    expect(await client.take('c1')).toEqual({ ok: true });
    expect(await client.take('taken')).toEqual({ ok: false, code: 'conflict', message: 'too late' });
  });

  it('times out a command the hub never answers', async () => {
    hub.onFrame = (frame, socket) => {
      if (frame.type === 'hello') hub.send(socket, { type: 'welcome', v: PROTOCOL_VERSION, rep: currentRep, headEventId: 0, queues: [] });
    };
    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    const client = newClient();
    await client.ensureConnected();
    expect(await client.setStatus('away')).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('switches mode: a mode beyond the role is refused and nothing changes; a granted one stores the profile and resyncs', async () => {
    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    const client = newClient();
    await client.ensureConnected();
    await until(async () => (await getLastEventId(db)) === 3);

    expect(await client.setMode('admin')).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await readSession())?.rep?.mode).toBe('rep');
    const setModes = hub.received.filter((f) => f.type === 'setMode');
    expect(setModes).toHaveLength(1);
    expect(setModes[0]).toMatchObject({ mode: 'admin', clientId: expect.any(String) });

    currentRep = { ...REP, role: 'observer' };
    const hellos = hub.received.filter((f) => f.type === 'hello').length;
    expect(await client.setMode('observer')).toEqual({ ok: true });
    await until(async () => (await readSession())?.rep?.mode === 'observer');
    // A new mode sees another inbox: the worker starts over from the hub's log.
    await until(async () => hub.received.filter((f) => f.type === 'hello').length > hellos);
    expect(hub.received.filter((f) => f.type === 'hello').at(-1)).toMatchObject({ lastEventId: 0 });
    const ids = hub.received.filter((f) => f.type === 'setMode').map((f) => (f as { clientId: string }).clientId);
    expect(new Set(ids).size).toBe(2);
  });

  it("alerts for chats that become pending once in step, not for a fresh inbox's replay; closing warnings are stored and alerted", async () => {
    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    const client = newClient();
    await client.ensureConnected();
    await until(async () => (await getLastEventId(db)) === 3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alerts.newPending.mock.calls.flat().flat()).toEqual([]);

    const fresh = event(4, 'conversation.opened', { conversation: conversation('c9', 'pending', null, { visitorName: 'Jana' }) });
    log.push(fresh);
    hub.broadcast({ type: 'event', event: fresh });
    await until(async () => alerts.newPending.mock.calls.some((call) => (call as unknown[][])[0]?.length));
    const alerted = alerts.newPending.mock.calls.flatMap((call) => (call as unknown as [{ id: string }[]])[0].map((c) => c.id));
    expect(alerted).toEqual(['c9']);

    const warning = { type: 'closingSoon' as const, chatId: 'chat-1', chatName: 'Demo shop', closesAt: '2026-01-05T17:00:00.000Z' };
    hub.broadcast(warning);
    await until(async () => alerts.closingSoon.mock.calls.length === 1);
    expect(alerts.closingSoon).toHaveBeenCalledWith(warning);
  });

  it('on a refused token: clears the session and local data, shows signed-out, stops reconnecting', async () => {
    await db.conversations.put(conversation('old', 'pending'));
    await writeSession({ hubUrl: hubHttp(), token: 'expired-token', rep: REP });
    const client = newClient();
    await client.ensureConnected();
    await waitForState('signed-out');
    await until(async () => (await readSession()) === null);
    await until(async () => (await db.conversations.count()) === 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.connections).toBe(1);
    expect(await browser.action.getBadgeText({})).toBe('');
  });

  it('signs out: tells the hub, closes the socket, clears Dexie, session and badge', async () => {
    const fetchImpl = vi.fn(async () => new Response(null, { status: 204 }));
    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    const client = newClient(fetchImpl as unknown as typeof fetch);
    await client.ensureConnected();
    await until(async () => (await browser.action.getBadgeText({})) === '1');

    await client.signOut();
    expect(fetchImpl).toHaveBeenCalledWith(`${hubHttp()}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: 'Bearer good-token' },
    });
    expect(await readSession()).toBeNull();
    expect(await db.conversations.count()).toBe(0);
    expect(await getLastEventId(db)).toBe(0);
    expect(await connectionStateItem.getValue()).toBe('signed-out');
    expect(await browser.action.getBadgeText({})).toBe('');
    await hub.waitFor(() => hub.sockets.size === 0);
  });
});

describe('inbox rules commands', () => {
  async function online() {
    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    const client = newClient();
    await client.ensureConnected();
    await waitForState('online');
    return client;
  }

  it('stores the queues the welcome lists, for the transfer dialog', async () => {
    await online();
    await until(async () => (await getQueues(db)).length === 1);
    expect(await getQueues(db)).toEqual([QUEUE]);
  });

  it('matches each reps answer to its own search by reqId, even when answers arrive out of order', async () => {
    const client = await online();
    const [slow, fast] = await Promise.all([client.searchReps('b'), client.searchReps('bennn')]);
    expect(slow).toEqual({ ok: true, reps: [expect.objectContaining({ id: 'rep-b' })] });
    expect(fast).toEqual({ ok: true, reps: [expect.objectContaining({ id: 'rep-bennn' })] });
  });

  it('sends every command with its own clientId and returns ack or refusal', async () => {
    const client = await online();
    expect(await client.transfer('c2', { kind: 'queue', queueId: 'queue-1' })).toEqual({ ok: true });
    expect(await client.block('c2', { unit: 'days', amount: 3 })).toEqual({ ok: true });
    expect(await client.markHandled('c2')).toEqual({ ok: true });
    expect(await client.endSession('c2')).toEqual({ ok: true });
    expect(await client.archive('c2')).toEqual({ ok: true });
    expect(await client.unarchive('c2')).toEqual({ ok: true });
    expect(await client.delete('forbidden')).toEqual({ ok: false, code: 'forbidden', message: 'not yours' });
    const commands = hub.received.filter((f) => 'clientId' in f && f.type !== 'send') as { type: string; clientId: string }[];
    expect(commands.map((f) => f.type)).toEqual(['transfer', 'block', 'markHandled', 'endSession', 'archive', 'unarchive', 'delete']);
    expect(new Set(commands.map((f) => f.clientId)).size).toBe(commands.length);
    expect(hub.received.find((f) => f.type === 'block')).toMatchObject({ conversationId: 'c2', duration: { unit: 'days', amount: 3 } });
  });

  it('keeps the latest viewers per conversation and forgets a conversation nobody else views', async () => {
    await online();
    hub.broadcast({ type: 'viewers', conversationId: 'c1', reps: [{ id: 'rep-ben', name: 'Ben Novak' }] });
    hub.broadcast({ type: 'viewers', conversationId: 'c2', reps: [{ id: 'rep-ben', name: 'Ben Novak' }] });
    await until(async () => Object.keys(await viewersItem.getValue()).length === 2);
    hub.broadcast({ type: 'viewers', conversationId: 'c2', reps: [] });
    await until(async () => Object.keys(await viewersItem.getValue()).length === 1);
    expect(await viewersItem.getValue()).toEqual({ c1: [{ id: 'rep-ben', name: 'Ben Novak' }] });
  });

  it('tells the hub which conversation is open, and tells a new connection again after a reconnect', async () => {
    const client = await online();
    await client.viewing('c1');
    await hub.waitFor(() => hub.received.some((f) => f.type === 'viewing'));
    for (const socket of hub.sockets) socket.terminate();
    await hub.waitFor(() => hub.received.filter((f) => f.type === 'hello').length === 2);
    await hub.waitFor(() => hub.received.filter((f) => f.type === 'viewing').length === 2);
    expect(hub.received.filter((f) => f.type === 'viewing')).toEqual([
      { type: 'viewing', conversationId: 'c1' },
      { type: 'viewing', conversationId: 'c1' },
    ]);

    await client.viewing(null);
    expect(await viewingItem.getValue()).toBeNull();
    await hub.waitFor(() => hub.received.filter((f) => f.type === 'viewing').length === 3);
  });

  it('stores the history of a conversation it gained, and drops an outbox reply found in it', async () => {
    const client = await online();
    // Marked failed so the flusher leaves it alone here: only the history may remove it.
    await db.outbox.add({ clientId: 'client-lost-ack', conversationId: 'c9', text: 'hi', createdAt: 1, failed: 'timeout' });
    expect(await client.loadHistory('c9')).toEqual({ ok: true });
    expect((await db.messages.where('conversationId').equals('c9').toArray()).map((m) => m.id).sort()).toEqual(['old-1', 'old-2']);
    expect(await db.outbox.count()).toBe(0);
  });
});
