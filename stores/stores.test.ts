import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { conversation, message, REP } from '../entrypoints/background/fake-hub.testing';
import { clearAll, db } from '../utils/db';
import { sendMessage } from '../utils/messaging';
import { repItem } from '../utils/settings';
import { useConversationStore } from './conversation';
import { useInboxStore } from './inbox';
import { useSessionStore } from './session';

vi.mock('../utils/messaging', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

beforeEach(async () => {
  fakeBrowser.reset();
  send.mockReset();
  await clearAll(db);
  await repItem.setValue({ ...REP });
  setActivePinia(createPinia());
  await vi.waitFor(() => expect(useSessionStore().ready).toBe(true));
});

describe('session store', () => {
  it('wakes the background worker when a page opens', () => {
    expect(send).toHaveBeenCalledWith('getState');
  });
});

describe('inbox store', () => {
  it('lists pending oldest first and, as Active, only active conversations I own', async () => {
    await db.conversations.bulkPut([
      { ...conversation('newer', 'pending'), createdAt: '2025-01-01T11:00:00.000Z' },
      { ...conversation('older', 'pending'), createdAt: '2025-01-01T09:00:00.000Z' },
      conversation('mine', 'active', REP.id),
      conversation('theirs', 'active', 'rep-ben'),
      conversation('closed-mine', 'closed', REP.id),
    ]);
    const inbox = useInboxStore();
    await vi.waitFor(() => expect(inbox.pending.map((c) => c.id)).toEqual(['older', 'newer']));
    await vi.waitFor(() => expect(inbox.active.map((c) => c.id)).toEqual(['mine']));

    // Live: a take elsewhere moves it between folders without any reload.
    await db.conversations.put(conversation('older', 'active', REP.id));
    await vi.waitFor(() => expect(inbox.pending.map((c) => c.id)).toEqual(['newer']));
    await vi.waitFor(() => expect(inbox.active.map((c) => c.id).sort()).toEqual(['mine', 'older']));
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

  it("lets nobody but the owner reply to an active conversation, and observers never act", async () => {
    await db.conversations.bulkPut([conversation('theirs', 'active', 'rep-ben'), conversation('mine', 'active', REP.id)]);
    let store = await openConversation('theirs');
    expect(store.canReply).toBe(false);
    store = await openConversation('mine');
    expect(store.canReply).toBe(true);
    expect(store.canTake).toBe(false);

    await repItem.setValue({ ...REP, role: 'observer' });
    await db.conversations.put(conversation('p1', 'pending'));
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
    expect(send.mock.calls.filter(([type]) => type === 'send')).toEqual([['send', { conversationId: 'c1', text: 'hello' }]]);
  });
});
