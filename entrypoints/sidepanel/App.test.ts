import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App as VueApp } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { conversation, REP } from '../background/fake-hub.testing';
import { useInboxStore } from '../../stores/inbox';
import { clearAll, db } from '../../utils/db';
import { sendMessage } from '../../utils/messaging';
import { navigateItem, openRequestItem, repItem } from '../../utils/settings';
import App from './App.vue';

vi.mock('../../utils/messaging', () => ({ sendMessage: vi.fn(async () => ({ ok: true })) }));
vi.mocked(sendMessage);

let app: VueApp | null = null;
let root: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  await clearAll(db);
  await repItem.setValue({ ...REP });
  await db.conversations.bulkPut([conversation('c1', 'pending'), conversation('c2', 'active', REP.id)]);
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  app?.unmount();
  root.remove();
});

function mount() {
  const pinia = createPinia();
  setActivePinia(pinia);
  app = createApp(App).use(pinia);
  app.mount(root);
  return useInboxStore();
}

describe('side panel', () => {
  it('opens the conversation a notification or the page icon asked for, also when it is just opening', async () => {
    await openRequestItem.setValue({ conversationId: 'c1', at: Date.now() });
    const inbox = mount();
    await vi.waitFor(() => expect(inbox.selectedId).toBe('c1'));
    await vi.waitFor(async () => expect(await openRequestItem.getValue()).toBeNull());

    await openRequestItem.setValue({ conversationId: 'c2', at: Date.now() });
    await vi.waitFor(() => expect(inbox.selectedId).toBe('c2'));
  });

  it('moves to the next or previous conversation when a shortcut asks', async () => {
    const inbox = mount();
    await vi.waitFor(() => expect(inbox.active.length).toBe(1));
    await navigateItem.setValue({ direction: 1, at: Date.now() });
    await vi.waitFor(() => expect(inbox.selectedId).toBe('c1'));
    await navigateItem.setValue({ direction: 1, at: Date.now() });
    await vi.waitFor(() => expect(inbox.selectedId).toBe('c2'));
    await navigateItem.setValue({ direction: -1, at: Date.now() });
    await vi.waitFor(() => expect(inbox.selectedId).toBe('c1'));
  });
});
