import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { conversation, message, REP } from '#entrypoints/background/fake-hub.testing';
import { db } from '#utils/db';
import { sendMessage } from '#utils/messaging';
import { repItem } from '#utils/settings';
import { useConversationStore } from './conversation';
import { freshStoresEachTest } from './fresh-stores.testing';
import { useInboxStore } from './inbox';
import { useSessionStore } from './session';

vi.mock('#utils/messaging', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

freshStoresEachTest(() => send.mockReset());

describe('session store', () => {
  it('wakes the background worker when a page opens', () => {
    expect(send).toHaveBeenCalledWith('getState');
  });
});

describe('inbox store', () => {
  it('lists Active, Closed and Archived newest message first, from the index', async () => {
    await db.conversations.bulkPut([
      { ...conversation('quiet', 'active', REP.id), lastMessageAt: '2025-01-01T09:00:00.000Z' },
      { ...conversation('busy', 'active', REP.id), lastMessageAt: '2025-01-01T12:00:00.000Z' },
      { ...conversation('midday', 'active', REP.id), lastMessageAt: '2025-01-01T11:00:00.000Z' },
    ]);
    const inbox = useInboxStore();
    await vi.waitFor(() => expect(inbox.active.map((c) => c.id)).toEqual(['busy', 'midday', 'quiet']));
  });

  it("files conversations by the hub's folder for me, pending oldest first, never showing 'none'", async () => {
    await db.conversations.bulkPut([
      { ...conversation('newer', 'pending'), createdAt: '2025-01-01T11:00:00.000Z' },
      { ...conversation('older', 'pending'), createdAt: '2025-01-01T09:00:00.000Z' },
      conversation('mine', 'active', REP.id),
      conversation('theirs', 'active', 'rep-ben'),
      conversation('closed-mine', 'closed', REP.id),
      conversation('archived-mine', 'archived', REP.id),
      // Status says pending, but the hub filed it in no folder of mine (offered to someone else).
      conversation('ringing-ben', 'pending', null, { folder: 'none', access: 'none' }),
      // Status says active, yet I keep read access after transferring it: the folder decides.
      conversation('handed-on', 'active', 'rep-ben', { folder: 'active', access: 'reader' }),
    ]);
    const inbox = useInboxStore();
    await vi.waitFor(() => expect(inbox.pending.map((c) => c.id)).toEqual(['older', 'newer']));
    await vi.waitFor(() => expect(inbox.active.map((c) => c.id).sort()).toEqual(['handed-on', 'mine']));
    await vi.waitFor(() => expect(inbox.closed.map((c) => c.id)).toEqual(['closed-mine']));
    await vi.waitFor(() => expect(inbox.archived.map((c) => c.id)).toEqual(['archived-mine']));

    // Live: a take elsewhere moves it between folders without any reload.
    await db.conversations.put(conversation('older', 'active', REP.id));
    await vi.waitFor(() => expect(inbox.pending.map((c) => c.id)).toEqual(['newer']));
    await vi.waitFor(() => expect(inbox.active.map((c) => c.id).sort()).toEqual(['handed-on', 'mine', 'older']));
    // Someone else took it: the hub files it in 'none' for me and it leaves my panel.
    await db.conversations.put(conversation('newer', 'active', 'rep-ben'));
    await vi.waitFor(() => expect(inbox.pending).toEqual([]));
  });
});

describe('conversation store', () => {
  async function openConversation(id: string) {
    const inbox = useInboxStore();
    const store = useConversationStore();
    inbox.open(id);
    await vi.waitFor(() => expect(store.conversation?.id).toBe(id));
    return store;
  }

  it('shows messages in time order with the outbox, and offers Take and reply on a pending one', async () => {
    await db.conversations.put(conversation('c1', 'pending'));
    await db.messages.bulkPut([
      { ...message('m2', 'c1'), createdAt: '2025-01-01T10:00:02.000Z' },
      { ...message('m1', 'c1'), createdAt: '2025-01-01T10:00:01.000Z' },
      message('other', 'c9'),
    ]);
    await db.outbox.put({ clientId: 'client-0001', conversationId: 'c1', text: 'on its way', createdAt: 1 });
    const store = await openConversation('c1');
    await vi.waitFor(() => expect(store.messages.map((m) => m.id)).toEqual(['m1', 'm2']));
    await vi.waitFor(() => expect(store.outbox.map((e) => e.text)).toEqual(['on its way']));
    expect(store.canTake).toBe(true);
    expect(store.canReply).toBe(true);
  });

  it('lets nobody but the owner reply to an active conversation, and observers never act', async () => {
    await db.conversations.bulkPut([
      conversation('theirs', 'active', 'rep-ben'),
      conversation('mine', 'active', REP.id),
    ]);
    let store = await openConversation('theirs');
    expect(store.canReply).toBe(false);
    store = await openConversation('mine');
    expect(store.canReply).toBe(true);
    expect(store.canTake).toBe(false);

    await repItem.setValue({ ...REP, role: 'observer' });
    await db.conversations.put(conversation('p1', 'pending', null, { access: 'supervisor' }));
    store = await openConversation('p1');
    await vi.waitFor(() => expect(useSessionStore().rep?.role).toBe('observer'));
    expect(store.canTake).toBe(false);
    expect(store.canReply).toBe(false);
  });

  it("takes through the background and shows the hub's refusal", async () => {
    await db.conversations.put(conversation('c1', 'pending'));
    const store = await openConversation('c1');
    send.mockResolvedValueOnce({ ok: false, code: 'conflict', message: 'too late' } as never);
    await store.take();
    expect(send).toHaveBeenCalledWith('take', { conversationId: 'c1' });
    expect(store.error).toBe('Someone else already took this conversation.');
  });

  it('sends trimmed replies and ignores blank ones', async () => {
    await db.conversations.put(conversation('c1', 'active', REP.id));
    const store = await openConversation('c1');
    send.mockResolvedValue({ clientId: 'x' } as never);
    expect(await store.send('   ')).toBe(false);
    expect(await store.send('  hello\n')).toBe(true);
    expect(send.mock.calls.filter(([type]) => type === 'send')).toEqual([
      ['send', { conversationId: 'c1', text: 'hello', clientId: expect.any(String) }],
    ]);
  });

  it('hands a reply over again, with the same client id, when the worker did not answer', async () => {
    await db.conversations.put(conversation('c1', 'active', REP.id));
    const store = await openConversation('c1');
    send.mockRejectedValueOnce(new Error('Receiving end does not exist') as never);
    send.mockResolvedValue({ clientId: 'x' } as never);
    expect(await store.send('hello')).toBe(true);
    const calls = send.mock.calls.filter(([type]) => type === 'send') as unknown as [string, { clientId: string }][];
    expect(calls).toHaveLength(2);
    expect(calls[1][1].clientId).toBe(calls[0][1].clientId);
  });

  it('tells the background which conversation is open, and none after going back', async () => {
    await db.conversations.put(conversation('c1', 'pending'));
    // As in the panel: the conversation view (and so this store) appears once one is selected.
    useInboxStore().open('c1');
    useConversationStore();
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('viewing', { conversationId: 'c1' }));
    expect(send).toHaveBeenCalledWith('loadHistory', { conversationId: 'c1' });
    useInboxStore().close();
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('viewing', { conversationId: null }));
  });

  it('goes back to the inbox when the open conversation is deleted or taken by someone else', async () => {
    await db.conversations.bulkPut([conversation('c1', 'pending'), conversation('c2', 'pending')]);
    const inbox = useInboxStore();
    await openConversation('c1');
    await db.conversations.delete('c1');
    await vi.waitFor(() => expect(inbox.selectedId).toBeNull());
    await openConversation('c2');
    await db.conversations.put(conversation('c2', 'active', 'rep-ben'));
    await vi.waitFor(() => expect(inbox.selectedId).toBeNull());
  });

  it("runs an action through the background and shows the hub's refusal in the rep's language", async () => {
    await db.conversations.put(conversation('c1', 'active', REP.id));
    const store = await openConversation('c1');
    expect(store.actions).toMatchObject({
      transfer: true,
      markHandled: true,
      endSession: true,
      block: true,
      delete: false,
    });
    send.mockResolvedValueOnce({ ok: false, code: 'forbidden', message: 'no' } as never);
    expect(await store.block({ unit: 'hours', amount: 2 })).toBe(false);
    expect(send).toHaveBeenCalledWith('block', { conversationId: 'c1', duration: { unit: 'hours', amount: 2 } });
    expect(store.error).toBe('You are not allowed to do that.');
    send.mockResolvedValueOnce({ ok: true } as never);
    expect(await store.transfer({ kind: 'queue', queueId: 'queue-1' })).toBe(true);
    expect(store.error).toBeNull();
  });
});

describe('inbox navigation', () => {
  it('steps through pending, then active, then closed conversations, wrapping around', async () => {
    await db.conversations.bulkPut([
      conversation('p1', 'pending'),
      conversation('a1', 'active', REP.id),
      conversation('x1', 'closed', REP.id, { folder: 'closed' }),
    ]);
    const inbox = useInboxStore();
    await vi.waitFor(() => expect(inbox.closed.length).toBe(1));
    await vi.waitFor(() => expect(inbox.active.length).toBe(1));
    inbox.step(1);
    expect(inbox.selectedId).toBe('p1');
    inbox.step(1);
    expect(inbox.selectedId).toBe('a1');
    inbox.step(1);
    expect(inbox.selectedId).toBe('x1');
    inbox.step(1);
    expect(inbox.selectedId).toBe('p1');
    inbox.step(-1);
    expect(inbox.selectedId).toBe('x1');
  });
});
