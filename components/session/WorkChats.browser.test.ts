import { createPinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { REP } from '#entrypoints/background/hub-data.testing';
import { db, META_WORK_CHATS, type WorkChatsState } from '#utils/db';
import { sendMessage } from '#utils/messaging';
import { repItem } from '#utils/settings';
import WorkChats from './WorkChats.vue';

vi.mock('#utils/messaging', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

const CHATS = [
  { id: 'ch_demo', name: 'Demo shop' },
  { id: 'ch_help', name: 'Help desk' },
];
const store = (state: WorkChatsState) => db.meta.put({ key: META_WORK_CHATS, value: state });

async function mount() {
  await repItem.setValue(REP);
  const screen = render(WorkChats, { global: { plugins: [createPinia()] } });
  const group = screen.getByRole('group', { name: 'Chats I work in' });
  return {
    screen,
    group,
    all: group.getByRole('radio', { name: 'All my chats' }),
    some: group.getByRole('radio', { name: 'Only the chats I pick' }),
    box: (chat: string) => group.getByRole('checkbox', { name: chat, exact: true }),
    boxes: group.getByRole('checkbox'),
    status: group.getByRole('status'),
  };
}

beforeEach(async () => {
  send.mockReset();
  send.mockResolvedValue({ ok: true } as never);
});

describe('chats I work in (FEATURES A2)', () => {
  it('shows nothing to a rep with no chats to choose from', async () => {
    await store({ chats: CHATS, working: 'all' });
    const { group } = await mount();
    await expect.element(group).toBeVisible();
    await store({ chats: [], working: 'all' });
    await expect.element(group).not.toBeInTheDocument();
  });

  it('lists the chats in force, and picking some sends only those to the hub', async () => {
    await store({ chats: CHATS, working: 'all' });
    const { all, some, box, boxes, status } = await mount();
    await expect.element(all).toBeChecked();
    await expect.element(status).toHaveTextContent('Working in: Demo shop, Help desk');
    expect(boxes.elements()).toHaveLength(0);

    await some.click();
    await expect.element(box('Demo shop')).toBeChecked();
    await expect.element(box('Help desk')).toBeChecked();
    expect(boxes.elements()).toHaveLength(2);
    expect(send).not.toHaveBeenCalledWith('setChats', expect.anything());
    await box('Demo shop').click();
    await expect.poll(() => send.mock.calls).toContainEqual(['setChats', { chats: ['ch_help'] }]);
    // The hub answers every device with the choice in force; the worker stores it.
    await store({ chats: CHATS, working: ['ch_help'] });
    await expect.element(status).toHaveTextContent('Working in: Help desk');
    // The last chat cannot be left out: the hub needs at least one.
    await expect.element(box('Help desk')).toBeDisabled();
    await expect.element(box('Demo shop')).toBeEnabled();

    await all.click();
    await expect.poll(() => send.mock.lastCall).toEqual(['setChats', { chats: 'all' }]);
  });

  it("shows the hub's refusal and goes back to the choice in force", async () => {
    await store({ chats: CHATS, working: ['ch_demo', 'ch_help'] });
    const { screen, some, box, status } = await mount();
    await expect.element(some).toBeChecked();
    await expect.element(box('Help desk')).toBeChecked();
    send.mockResolvedValue({ ok: false, code: 'not_found', message: 'you are in no queue of chat ch_help' } as never);
    await box('Help desk').click();
    await expect.element(screen.getByRole('alert')).toHaveTextContent('you are in no queue of chat ch_help');
    await expect.element(box('Demo shop')).toBeChecked();
    await expect.element(box('Help desk')).toBeChecked();
    await expect.element(status).toHaveTextContent('Working in: Demo shop, Help desk');
  });

  it('follows a change made on another device', async () => {
    await store({ chats: CHATS, working: 'all' });
    const { all, some, box, status } = await mount();
    await expect.element(all).toBeChecked();
    await store({ chats: CHATS, working: ['ch_demo'] });
    await expect.element(some).toBeChecked();
    await expect.element(box('Demo shop')).toBeChecked();
    await expect.element(box('Help desk')).not.toBeChecked();
    await expect.element(status).toHaveTextContent('Working in: Demo shop');
  });
});
