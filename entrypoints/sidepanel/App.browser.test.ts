import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from '@vitest/browser/context';
import { render } from 'vitest-browser-vue';
import { useInboxStore } from '#stores/inbox';
import { db } from '#utils/db';
import { FIRST_SCREEN_ID, FIRST_SCREEN_KEY, readFirstScreen } from '#utils/first-screen';
import { navigateItem, openRequestItem, repItem } from '#utils/settings';
import { conversation, REP } from '../background/hub-data.testing';
import App from './App.vue';

vi.mock('#utils/messaging', () => ({ sendMessage: vi.fn(async () => ({ ok: true })) }));

beforeEach(async () => {
  await repItem.setValue({ ...REP });
  await db.conversations.bulkPut([
    conversation('c1', 'pending', null, { visitorName: 'Maria' }),
    conversation('c2', 'active', REP.id, { visitorName: 'Jonas' }),
  ]);
});

/** The side panel; the conversation open in it is the one whose heading shows (its channel, then who). */
function mount() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const screen = render(App, { global: { plugins: [pinia] } });
  const showing = (visitor: string) =>
    screen.getByRole('main').getByRole('heading', { level: 2, name: `Website chat ${visitor}`, exact: true });
  return { inbox: useInboxStore(), showing };
}

describe('side panel', () => {
  it('opens the conversation a notification or the page icon asked for, also when it is just opening', async () => {
    await openRequestItem.setValue({ conversationId: 'c1', at: Date.now() });
    const { inbox, showing } = mount();
    await expect.element(showing('Maria')).toBeVisible();
    expect(inbox.selectedId).toBe('c1');
    await expect.poll(() => openRequestItem.getValue()).toBeNull();

    await openRequestItem.setValue({ conversationId: 'c2', at: Date.now() });
    await expect.element(showing('Jonas')).toBeVisible();
    expect(inbox.selectedId).toBe('c2');
  });

  it('moves to the next or previous conversation when a shortcut asks', async () => {
    const { inbox, showing } = mount();
    await expect.poll(() => inbox.active.length).toBe(1);
    await navigateItem.setValue({ direction: 1, at: Date.now() });
    await expect.element(showing('Maria')).toBeVisible();
    expect(inbox.selectedId).toBe('c1');
    await navigateItem.setValue({ direction: 1, at: Date.now() });
    await expect.element(showing('Jonas')).toBeVisible();
    expect(inbox.selectedId).toBe('c2');
    await navigateItem.setValue({ direction: -1, at: Date.now() });
    await expect.element(showing('Maria')).toBeVisible();
    expect(inbox.selectedId).toBe('c1');
  });

  describe('the kept first screen', () => {
    beforeEach(() => {
      localStorage.clear();
      const kept = Object.assign(document.createElement('div'), { id: FIRST_SCREEN_ID, textContent: 'last opening' });
      document.body.prepend(kept);
    });
    const keptText = () => JSON.stringify(readFirstScreen()?.root ?? null);

    it('gives way to the inbox the app draws, which is kept for the next opening', async () => {
      mount();
      // The whole page: the kept screen sits before the component's container.
      await expect.element(page.getByRole('button', { name: /Maria/ })).toBeVisible();
      // Gone once every folder is drawn (Maria's may come a moment before the others).
      await expect.poll(() => document.getElementById(FIRST_SCREEN_ID)).toBeNull();
      await expect.poll(keptText).toContain('Maria');
      expect(keptText()).toContain('Jonas');
      expect(keptText()).not.toContain('last opening');
    });

    it('is forgotten when the rep signs out, so the next person never sees this inbox', async () => {
      const { inbox } = mount();
      await expect.poll(() => inbox.pending.length).toBe(1);
      await expect.poll(keptText).toContain('Maria');
      await repItem.setValue(null);
      await expect.poll(() => localStorage.getItem(FIRST_SCREEN_KEY)).toBeNull();
    });

    it('does not keep an open conversation: the panel opens on the inbox', async () => {
      await openRequestItem.setValue({ conversationId: 'c1', at: Date.now() });
      mount();
      await expect.element(page.getByRole('heading', { level: 2, name: 'Website chat Maria' })).toBeVisible();
      await expect.poll(() => document.getElementById(FIRST_SCREEN_ID)).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(localStorage.getItem(FIRST_SCREEN_KEY)).toBeNull();
    });
  });
});
