import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { PROTOCOL_VERSION } from '#protocol';
import { getLastEventId } from '#utils/db';
import {
  connectionStateItem,
  notificationsEnabledItem,
  readSession,
  signOutReasonItem,
  soundsEnabledItem,
  writeSession,
} from '#utils/settings';
import { CLOSE_UNAUTHORIZED } from './hub-connection';
import { REP, conversation, event, message } from './fake-hub.testing';
import {
  alerts,
  currentRep,
  db,
  hub,
  hubHttp,
  log,
  newClient,
  setCurrentRep,
  until,
  waitForState,
} from './rep-client.harness.testing';

/**
 * The worker's parts together against a scripted hub on a real socket: replay, badge, outbox,
 * commands, refused tokens, sign-out, and a worker restart in the middle.
 */

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

  it('refuses a plain http:// hub off this computer before sending the password (FEATURES I4)', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ token: 'good-token', rep: REP }));
    const result = await newClient(fetchImpl as unknown as typeof fetch).signIn({
      hubUrl: 'http://hub.example.com:8787',
      email: REP.email,
      password: 'parley-demo',
    });
    expect(result).toMatchObject({ ok: false, reason: 'insecure-url' });
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(await readSession()).toBeNull();
  });

  it('reports a refused login without storing anything', async () => {
    const fetchImpl = vi.fn(async () =>
      Response.json({ error: { code: 'unauthorized', message: 'wrong password' } }, { status: 401 }),
    );
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
    expect(
      hub.received.filter((f) => f.type === 'hello').map((f) => (f as { lastEventId: number }).lastEventId),
    ).toEqual([0, 3]);
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
      if (frame.type === 'hello')
        hub.send(socket, { type: 'welcome', v: PROTOCOL_VERSION, rep: currentRep, headEventId: 0, queues: [] });
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

    setCurrentRep({ ...REP, role: 'observer' });
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

    const fresh = event(4, 'conversation.opened', {
      conversation: conversation('c9', 'pending', null, { visitorName: 'Jana' }),
    });
    log.push(fresh);
    hub.broadcast({ type: 'event', event: fresh });
    await until(async () => alerts.newPending.mock.calls.some((call) => (call as unknown[][])[0]?.length));
    const alerted = alerts.newPending.mock.calls.flatMap((call) =>
      (call as unknown as [{ id: string }[]])[0].map((c) => c.id),
    );
    expect(alerted).toEqual(['c9']);

    const warning = {
      type: 'closingSoon' as const,
      chatId: 'chat-1',
      chatName: 'Demo shop',
      closesAt: '2026-01-05T17:00:00.000Z',
    };
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

  it('signed out by the hub (FEATURES H1): keeps the reason for the popup, clears the session, and a new sign-in forgets the reason', async () => {
    await writeSession({ hubUrl: hubHttp(), token: 'good-token', rep: REP });
    const client = newClient(
      vi.fn(async () => Response.json({ token: 'good-token', rep: REP })) as unknown as typeof fetch,
    );
    await client.ensureConnected();
    await until(async () => (await getLastEventId(db)) === 3);
    for (const socket of hub.sockets) {
      hub.send(socket, { type: 'signedOut', reason: 'disabled' });
      socket.close(CLOSE_UNAUTHORIZED, 'signed out: disabled');
    }
    await until(async () => (await readSession()) === null);
    expect(await signOutReasonItem.getValue()).toBe('disabled');
    expect(await connectionStateItem.getValue()).toBe('signed-out');
    expect(await db.conversations.count()).toBe(0);

    await client.signIn({ hubUrl: hubHttp(), email: REP.email, password: 'a-new-good-password' });
    expect(await signOutReasonItem.getValue()).toBeNull();
  });

  it('applies the alerts a super user chose for new reps at the account’s first sign-in, and only then', async () => {
    await soundsEnabledItem.setValue(true);
    await notificationsEnabledItem.setValue(true);
    const first = vi.fn(async () =>
      Response.json({ token: 'good-token', rep: REP, startAlerts: { sounds: false, notifications: true } }),
    );
    await newClient(first as unknown as typeof fetch).signIn({
      hubUrl: hubHttp(),
      email: REP.email,
      password: 'a-new-good-password',
    });
    expect([await soundsEnabledItem.getValue(), await notificationsEnabledItem.getValue()]).toEqual([false, true]);

    await soundsEnabledItem.setValue(true);
    const later = vi.fn(async () => Response.json({ token: 'good-token', rep: REP }));
    await newClient(later as unknown as typeof fetch).signIn({
      hubUrl: hubHttp(),
      email: REP.email,
      password: 'a-new-good-password',
    });
    expect(await soundsEnabledItem.getValue()).toBe(true);
  });
});
