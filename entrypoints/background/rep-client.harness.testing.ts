import 'fake-indexeddb/auto';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PROTOCOL_VERSION, type HubEvent, type RepProfile } from '#protocol';
import { createDb, type ParleyDb } from '#utils/db';
import { connectionStateItem } from '#utils/settings';
import { tokenItem } from '#utils/session-token';
import { CLOSE_UNAUTHORIZED } from './hub-connection';
import { REP, conversation, event, message, nodeSocket, startFakeHub, type FakeHub } from './fake-hub.testing';
import { createRepClient, type RepClient } from './rep-client';

/**
 * A scripted hub on a real socket and a fresh Dexie per test, for the worker's rep-client tests.
 * Importing this registers the per-test set-up; the exported bindings are live.
 */

export const QUEUE = { id: 'queue-1', chatId: 'chat-1', name: 'Sales' };

export let hub: FakeHub;
export let db: ParleyDb;
export let log: HubEvent[];
export let clients: RepClient[] = [];
export let currentRep: RepProfile = { ...REP };
export const hubHttp = () => hub.url.replace('ws://', 'http://').replace('/ws/rep', '');

beforeEach(async () => {
  fakeBrowser.reset();
  // The token lives in IndexedDB, which the fake browser's reset does not empty.
  await tokenItem.removeValue();
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
        hub.send(socket, {
          type: 'welcome',
          v: PROTOCOL_VERSION,
          rep: currentRep,
          headEventId: log.length,
          queues: [QUEUE],
        });
        for (const e of log.filter((e) => e.id > frame.lastEventId)) hub.send(socket, { type: 'event', event: e });
        return hub.send(socket, { type: 'synced', lastEventId: log.length });
      case 'take':
        if (frame.conversationId === 'taken')
          return hub.send(socket, { type: 'error', reqId: frame.reqId, code: 'conflict', message: 'too late' });
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
        if (!allowed)
          return hub.send(socket, {
            type: 'error',
            reqId: frame.reqId,
            code: 'forbidden',
            message: 'mode not granted',
          });
        currentRep = { ...currentRep, mode: frame.mode };
        hub.send(socket, { type: 'ack', reqId: frame.reqId });
        return hub.send(socket, { type: 'profile', rep: currentRep });
      }
      case 'setChats': {
        // Like the real hub: a chat of no queue of the rep is refused; otherwise ack, then the choice in force.
        const chats = [
          { id: 'ch_demo', name: 'Demo shop' },
          { id: 'ch_help', name: 'Help desk' },
        ];
        if (frame.chats !== 'all' && frame.chats.some((id) => !chats.some((c) => c.id === id))) {
          return hub.send(socket, { type: 'error', reqId: frame.reqId, code: 'not_found', message: 'no such chat' });
        }
        hub.send(socket, { type: 'ack', reqId: frame.reqId });
        return hub.send(socket, { type: 'workChats', chats, working: frame.chats });
      }
      case 'history':
        return hub.send(socket, {
          type: 'history',
          reqId: frame.reqId,
          conversationId: frame.conversationId,
          messages: [message('old-1', frame.conversationId), message('old-2', frame.conversationId, 'client-lost-ack')],
        });
      case 'transfer':
      case 'markHandled':
      case 'endSession':
      case 'block':
      case 'archive':
      case 'unarchive':
      case 'delete':
        if (frame.conversationId === 'forbidden')
          return hub.send(socket, { type: 'error', reqId: frame.reqId, code: 'forbidden', message: 'not yours' });
        return hub.send(socket, { type: 'ack', reqId: frame.reqId });
      case 'send': {
        // Like the real hub: dedupe by clientId, always ack, and echo the message as an event.
        if (!acked.has(frame.clientId)) {
          acked.add(frame.clientId);
          const e = event(log.length + 1, 'message.created', {
            message: { ...message(`m-${frame.clientId}`, frame.conversationId, frame.clientId), text: frame.text },
          });
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

export const alerts = { newPending: vi.fn(async () => {}), closingSoon: vi.fn(async () => {}) };

export function newClient(fetchImpl: typeof fetch = vi.fn(async () => new Response(null, { status: 204 }))) {
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

/** Waits on a condition; the limit only matters when it never holds (a loaded machine is slow, not wrong). */
export const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
export const waitForState = (state: string) => until(async () => (await connectionStateItem.getValue()) === state);

export const setCurrentRep = (rep: RepProfile) => {
  currentRep = rep;
};
