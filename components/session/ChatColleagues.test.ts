import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ChatReps } from '../../protocol';
import { clearAll, db, META_CHAT_REPS, META_WORK_CHATS, type WorkChatsState } from '../../utils/db';
import ChatColleagues from './ChatColleagues.vue';

const CHATS: WorkChatsState = {
  chats: [
    { id: 'ch_demo', name: 'Demo shop' },
    { id: 'ch_help', name: 'Help desk' },
  ],
  working: 'all',
};
const storeLists = (lists: ChatReps[]) => db.meta.put({ key: META_CHAT_REPS, value: lists });

let app: App | null = null;
let root: HTMLElement;
function mount() {
  root = document.createElement('div');
  document.body.append(root);
  app = createApp(ChatColleagues);
  app.mount(root);
}
/** Each chat's heading and what is listed under it, as a reader of the popup meets them. */
const shown = () =>
  [...root.querySelectorAll('.chat-colleagues-chat')].map((chat) => {
    const heading = chat.querySelector('h3')!;
    const list = chat.querySelector('ul');
    return {
      chat: heading.textContent?.trim(),
      // The list is named by its chat's heading, so it is found by role and name.
      labelledBy: list ? document.getElementById(list.getAttribute('aria-labelledby')!)?.textContent?.trim() : null,
      items: list ? [...list.querySelectorAll('li')].map((li) => li.textContent?.trim()) : chat.querySelector('p')?.textContent?.trim(),
    };
  });

beforeEach(async () => {
  fakeBrowser.reset();
  await clearAll(db);
});
afterEach(() => {
  app?.unmount();
  app = null;
  root?.remove();
});

describe('who is working in each chat (SPEC A2)', () => {
  it('shows nothing before the hub has said', async () => {
    await db.meta.put({ key: META_WORK_CHATS, value: CHATS });
    mount();
    await new Promise((r) => setTimeout(r, 50));
    expect(root.querySelector('section')).toBeNull();
  });

  it('lists each chat’s colleagues with their availability, or says no one is working there', async () => {
    await db.meta.put({ key: META_WORK_CHATS, value: CHATS });
    await storeLists([
      { chatId: 'ch_demo', name: 'Demo shop', reps: [{ id: 'r_ben', name: 'Ben Novak', status: 'online' }, { id: 'r_sara', name: 'Sara Weber', status: 'away' }], more: 0 },
      { chatId: 'ch_help', name: 'Help desk', reps: [], more: 0 },
    ]);
    mount();
    await vi.waitFor(() => expect(root.querySelector('h2')?.textContent).toBe('Who is working'));
    expect(root.querySelector('section')?.getAttribute('aria-labelledby')).toBe(root.querySelector('h2')?.id);
    expect(shown()).toEqual([
      { chat: 'Demo shop', labelledBy: 'Demo shop', items: ['Ben Novak — Online', 'Sara Weber — Away'] },
      { chat: 'Help desk', labelledBy: null, items: 'No colleague is working here' },
    ]);
  });

  it('lists the chats the hub names even when the rep may work in none of them: a supervisor in no queue', async () => {
    await db.meta.put({ key: META_WORK_CHATS, value: { chats: [], working: 'all' } satisfies WorkChatsState });
    await storeLists([{ chatId: 'ch_help', name: 'Help desk', reps: [{ id: 'r_ben', name: 'Ben Novak', status: 'online' }], more: 0 }]);
    mount();
    await vi.waitFor(() => expect(shown()).toEqual([{ chat: 'Help desk', labelledBy: 'Help desk', items: ['Ben Novak — Online'] }]));
  });

  it('follows the hub live, and counts colleagues beyond those listed', async () => {
    await db.meta.put({ key: META_WORK_CHATS, value: CHATS });
    await storeLists([
      { chatId: 'ch_demo', name: 'Demo shop', reps: [{ id: 'r_ben', name: 'Ben Novak', status: 'online' }], more: 0 },
      { chatId: 'ch_help', name: 'Help desk', reps: [{ id: 'r_ben', name: 'Ben Novak', status: 'online' }], more: 0 },
    ]);
    mount();
    await vi.waitFor(() => expect(shown()).toHaveLength(2));
    // Ben went invisible: the hub's next word leaves him out.
    await storeLists([
      { chatId: 'ch_demo', name: 'Demo shop', reps: [], more: 0 },
      { chatId: 'ch_help', name: 'Help desk', reps: [{ id: 'r_sara', name: 'Sara Weber', status: 'away' }], more: 3 },
    ]);
    await vi.waitFor(() =>
      expect(shown()).toEqual([
        { chat: 'Demo shop', labelledBy: null, items: 'No colleague is working here' },
        { chat: 'Help desk', labelledBy: 'Help desk', items: ['Sara Weber — Away', 'and 3 more'] },
      ]),
    );
  });
});
