import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getChatReps, getQueues, getWorkChats } from '#utils/db';
import { viewersItem, viewingItem } from '#utils/viewers';
import { writeSession } from '#utils/settings';
import { REP } from './fake-hub.testing';
import { QUEUE, db, hub, hubHttp, newClient, until, waitForState } from './rep-client.harness.testing';

/** The worker's inbox-rule commands against the scripted hub: queues, rep search, clientIds, viewers, history. */

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

  it('sends the chats to work in, and keeps what the hub says is in force (FEATURES A2)', async () => {
    const client = await online();
    expect(await client.setChats(['ch_help'])).toEqual({ ok: true });
    expect(hub.received.find((f) => f.type === 'setChats')).toMatchObject({
      chats: ['ch_help'],
      clientId: expect.any(String),
    });
    await until(async () => (await getWorkChats(db))?.working !== undefined);
    expect(await getWorkChats(db)).toEqual({
      chats: [
        { id: 'ch_demo', name: 'Demo shop' },
        { id: 'ch_help', name: 'Help desk' },
      ],
      working: ['ch_help'],
    });
    expect(await client.setChats(['ch_nope'])).toEqual({ ok: false, code: 'not_found', message: 'no such chat' });
    expect((await getWorkChats(db))?.working).toEqual(['ch_help']);
  });

  it('keeps the latest list of who works in each chat, live, until sign-out (FEATURES A2)', async () => {
    const client = await online();
    const ben = { id: 'rep-ben', name: 'Ben Novak', status: 'online' as const };
    hub.broadcast({
      type: 'chatReps',
      chats: [
        { chatId: 'ch_demo', name: 'Demo shop', reps: [ben], more: 0 },
        { chatId: 'ch_help', name: 'Help desk', reps: [ben], more: 0 },
      ],
    });
    await until(async () => (await getChatReps(db)).length === 2);
    hub.broadcast({
      type: 'chatReps',
      chats: [
        { chatId: 'ch_demo', name: 'Demo shop', reps: [], more: 0 },
        { chatId: 'ch_help', name: 'Help desk', reps: [{ ...ben, status: 'away' }], more: 0 },
      ],
    });
    await until(async () => (await getChatReps(db))[0]?.reps.length === 0);
    expect(await getChatReps(db)).toEqual([
      { chatId: 'ch_demo', name: 'Demo shop', reps: [], more: 0 },
      { chatId: 'ch_help', name: 'Help desk', reps: [{ ...ben, status: 'away' }], more: 0 },
    ]);
    await client.signOut();
    expect(await getChatReps(db)).toEqual([]);
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
    const commands = hub.received.filter((f) => 'clientId' in f && f.type !== 'send') as {
      type: string;
      clientId: string;
    }[];
    expect(commands.map((f) => f.type)).toEqual([
      'transfer',
      'block',
      'markHandled',
      'endSession',
      'archive',
      'unarchive',
      'delete',
    ]);
    expect(new Set(commands.map((f) => f.clientId)).size).toBe(commands.length);
    expect(hub.received.find((f) => f.type === 'block')).toMatchObject({
      conversationId: 'c2',
      duration: { unit: 'days', amount: 3 },
    });
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
    await db.outbox.add({
      clientId: 'client-lost-ack',
      conversationId: 'c9',
      text: 'hi',
      createdAt: 1,
      failed: 'timeout',
    });
    expect(await client.loadHistory('c9')).toEqual({ ok: true });
    expect((await db.messages.where('conversationId').equals('c9').toArray()).map((m) => m.id).sort()).toEqual([
      'old-1',
      'old-2',
    ]);
    expect(await db.outbox.count()).toBe(0);
  });
});
