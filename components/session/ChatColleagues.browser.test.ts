import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import type { ChatReps } from '#protocol';
import { db, META_CHAT_REPS, META_WORK_CHATS, type WorkChatsState } from '#utils/db';
import ChatColleagues from './ChatColleagues.vue';

const CHATS: WorkChatsState = {
  chats: [
    { id: 'ch_demo', name: 'Demo shop' },
    { id: 'ch_help', name: 'Help desk' },
  ],
  working: 'all',
};
const storeLists = (lists: ChatReps[]) => db.meta.put({ key: META_CHAT_REPS, value: lists });

function mount() {
  const screen = render(ChatColleagues);
  const region = screen.getByRole('region', { name: 'Who is working' });
  /** Each chat's heading and what is listed under it, as a reader of the popup meets them. */
  const shown = () =>
    region
      .getByRole('heading', { level: 3 })
      .elements()
      .map((heading) => {
        const chat = heading.textContent!.trim();
        // The list is named by its chat's heading, so it is found by role and name.
        const list = region.getByRole('list', { name: chat, exact: true });
        return {
          chat,
          items: list.query()
            ? list
                .getByRole('listitem')
                .elements()
                .map((li) => li.textContent?.trim())
            : heading.parentElement!.querySelector('p')?.textContent?.trim(),
        };
      });
  return { region, shown };
}

describe('who is working in each chat (FEATURES A2)', () => {
  it('shows nothing before the hub has said', async () => {
    await db.meta.put({ key: META_WORK_CHATS, value: CHATS });
    const { region } = mount();
    await storeLists([{ chatId: 'ch_demo', name: 'Demo shop', reps: [], more: 0 }]);
    await expect.element(region).toBeVisible();
    // Without the hub's word (no lists stored), the section goes.
    await db.meta.delete(META_CHAT_REPS);
    await expect.element(region).not.toBeInTheDocument();
  });

  it('lists each chat’s colleagues with their availability, or says no one is working there', async () => {
    await db.meta.put({ key: META_WORK_CHATS, value: CHATS });
    await storeLists([
      {
        chatId: 'ch_demo',
        name: 'Demo shop',
        reps: [
          { id: 'r_ben', name: 'Ben Novak', status: 'online' },
          { id: 'r_sara', name: 'Sara Weber', status: 'away' },
        ],
        more: 0,
      },
      { chatId: 'ch_help', name: 'Help desk', reps: [], more: 0 },
    ]);
    const { region, shown } = mount();
    await expect.element(region.getByRole('heading', { level: 2, name: 'Who is working', exact: true })).toBeVisible();
    expect(shown()).toEqual([
      { chat: 'Demo shop', items: ['Ben Novak — Online', 'Sara Weber — Away'] },
      { chat: 'Help desk', items: 'No colleague is working here' },
    ]);
  });

  it('lists the chats the hub names even when the rep may work in none of them: a supervisor in no queue', async () => {
    await db.meta.put({ key: META_WORK_CHATS, value: { chats: [], working: 'all' } satisfies WorkChatsState });
    await storeLists([
      { chatId: 'ch_help', name: 'Help desk', reps: [{ id: 'r_ben', name: 'Ben Novak', status: 'online' }], more: 0 },
    ]);
    const { shown } = mount();
    await expect.poll(shown).toEqual([{ chat: 'Help desk', items: ['Ben Novak — Online'] }]);
  });

  it('follows the hub live, and counts colleagues beyond those listed', async () => {
    await db.meta.put({ key: META_WORK_CHATS, value: CHATS });
    await storeLists([
      { chatId: 'ch_demo', name: 'Demo shop', reps: [{ id: 'r_ben', name: 'Ben Novak', status: 'online' }], more: 0 },
      { chatId: 'ch_help', name: 'Help desk', reps: [{ id: 'r_ben', name: 'Ben Novak', status: 'online' }], more: 0 },
    ]);
    const { shown } = mount();
    await expect.poll(shown).toHaveLength(2);
    // Ben went invisible: the hub's next word leaves him out.
    await storeLists([
      { chatId: 'ch_demo', name: 'Demo shop', reps: [], more: 0 },
      { chatId: 'ch_help', name: 'Help desk', reps: [{ id: 'r_sara', name: 'Sara Weber', status: 'away' }], more: 3 },
    ]);
    await expect.poll(shown).toEqual([
      { chat: 'Demo shop', items: 'No colleague is working here' },
      { chat: 'Help desk', items: ['Sara Weber — Away', 'and 3 more'] },
    ]);
  });
});
