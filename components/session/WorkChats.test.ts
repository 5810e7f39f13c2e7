import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REP } from '../../entrypoints/background/fake-hub.testing';
import { clearAll, db, META_WORK_CHATS, type WorkChatsState } from '../../utils/db';
import { sendMessage } from '../../utils/messaging';
import { repItem } from '../../utils/settings';
import WorkChats from './WorkChats.vue';

vi.mock('../../utils/messaging', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

const CHATS = [
  { id: 'ch_demo', name: 'Demo shop' },
  { id: 'ch_help', name: 'Help desk' },
];
const store = (state: WorkChatsState) => db.meta.put({ key: META_WORK_CHATS, value: state });

let app: App | null = null;
let root: HTMLElement;
async function mount() {
  await repItem.setValue(REP);
  root = document.createElement('div');
  document.body.append(root);
  const pinia = createPinia();
  setActivePinia(pinia);
  app = createApp(WorkChats).use(pinia);
  app.mount(root);
}

const radio = (value: string) => root.querySelector<HTMLInputElement>(`input[name="work-scope"][value="${value}"]`)!;
const boxes = () => [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
const status = () => root.querySelector('[role="status"]')?.textContent?.trim();

beforeEach(async () => {
  fakeBrowser.reset();
  await clearAll(db);
  send.mockReset();
  send.mockResolvedValue({ ok: true } as never);
});
afterEach(() => {
  app?.unmount();
  app = null;
  root?.remove();
});

describe('chats I work in (SPEC A2)', () => {
  it('shows nothing to a rep with no chats to choose from', async () => {
    await store({ chats: [], working: 'all' });
    await mount();
    await new Promise((r) => setTimeout(r, 50));
    expect(root.querySelector('fieldset')).toBeNull();
  });

  it('lists the chats in force, and picking some sends only those to the hub', async () => {
    await store({ chats: CHATS, working: 'all' });
    await mount();
    await vi.waitFor(() => expect(root.querySelector('legend')?.textContent).toBe('Chats I work in'));
    expect(radio('all').checked).toBe(true);
    expect(radio('all').parentElement?.textContent?.trim()).toBe('All my chats');
    expect(status()).toBe('Working in: Demo shop, Help desk');
    expect(boxes()).toHaveLength(0);

    radio('some').click();
    await vi.waitFor(() => expect(boxes().map((b) => [b.parentElement?.textContent?.trim(), b.checked])).toEqual([['Demo shop', true], ['Help desk', true]]));
    expect(send).not.toHaveBeenCalledWith('setChats', expect.anything());
    boxes()[0]!.click();
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('setChats', { chats: ['ch_help'] }));
    // The hub answers every device with the choice in force; the worker stores it.
    await store({ chats: CHATS, working: ['ch_help'] });
    await vi.waitFor(() => expect(status()).toBe('Working in: Help desk'));
    // The last chat cannot be left out: the hub needs at least one.
    expect(boxes().map((b) => b.disabled)).toEqual([false, true]);

    radio('all').click();
    await vi.waitFor(() => expect(send).toHaveBeenLastCalledWith('setChats', { chats: 'all' }));
  });

  it("shows the hub's refusal and goes back to the choice in force", async () => {
    await store({ chats: CHATS, working: ['ch_demo', 'ch_help'] });
    await mount();
    await vi.waitFor(() => expect(boxes()).toHaveLength(2));
    expect(radio('some').checked).toBe(true);
    send.mockResolvedValue({ ok: false, code: 'not_found', message: 'you are in no queue of chat ch_help' } as never);
    boxes()[1]!.click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toContain('you are in no queue of chat ch_help'));
    expect(boxes().map((b) => b.checked)).toEqual([true, true]);
    expect(status()).toBe('Working in: Demo shop, Help desk');
  });

  it('follows a change made on another device', async () => {
    await store({ chats: CHATS, working: 'all' });
    await mount();
    await vi.waitFor(() => expect(radio('all').checked).toBe(true));
    await store({ chats: CHATS, working: ['ch_demo'] });
    await vi.waitFor(() => expect(radio('some').checked).toBe(true));
    expect(boxes().map((b) => b.checked)).toEqual([true, false]);
    expect(status()).toBe('Working in: Demo shop');
  });
});
