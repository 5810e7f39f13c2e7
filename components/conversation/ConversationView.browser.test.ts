import { page, userEvent } from '@vitest/browser/context';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { h } from 'vue';
import { conversation, REP } from '#entrypoints/background/hub-data.testing';
import type { Message, PastConversation } from '#protocol';
import { useInboxStore } from '#stores/inbox';
import { db } from '#utils/db';
import { CARD_SECTIONS, cardLayoutsItem } from '#utils/card-layout';
import { repItem } from '#utils/settings';
import ConversationView from './ConversationView.vue';

/**
 * The side panel's conversation with its contact card open (issue 18): at every panel width the
 * newest message and the reply box stay in view, the card beside or above them; Alt+Shift+C moves
 * focus between the conversation and the card, and focus is never dropped.
 */
vi.mock('../../utils/messaging', () => ({
  sendMessage: vi.fn(async (name: string) =>
    name === 'crm' || name === 'history'
      ? { ok: false, code: 'offline', message: 'offline' }
      : name === 'visitorHistory'
        ? { ok: true, conversations: PAST }
        : { ok: true },
  ),
}));
/** The visitor's earlier conversation, owned by a rep whose account was since deleted. */
const PAST: PastConversation[] = [
  {
    id: 'c0',
    chatName: 'Demo shop',
    status: 'closed',
    ownerName: 'Anna Rossi',
    ownerFormer: true,
    queueName: 'Sales',
    createdAt: '2026-11-01T09:00:00.000Z',
    lastMessageAt: '2026-11-01T09:05:00.000Z',
    tags: [],
    messages: [],
  },
];

const LAST = 'Perfect, then I will order the oak chairs today.';
const message = (i: number): Message => ({
  id: `m${String(i).padStart(2, '0')}`,
  conversationId: 'c1',
  clientId: null,
  author: i % 2 ? 'rep' : 'visitor',
  authorName: i % 2 ? REP.name : null,
  repId: i % 2 ? REP.id : null,
  text: i === 29 ? LAST : `line ${i} about the oak chairs and their finish`,
  pageUrl: null,
  createdAt: new Date(Date.UTC(2026, 10, 23, 9, i)).toISOString(),
});

beforeEach(async () => {
  await repItem.setValue({ ...REP });
  await db.conversations.put(conversation('c1', 'active', REP.id, { visitorName: 'Jonas Keller' }));
  await db.messages.bulkPut(Array.from({ length: 30 }, (_, i) => message(i)));
  await db.cards.put({
    conversationId: 'c1',
    savedAt: 1,
    card: {
      status: 'matched',
      card: {
        contact: {
          id: 'ct1',
          kind: 'person',
          name: 'Jonas Keller',
          email: 'jonas@example.com',
          phone: null,
          address: null,
          company: null,
          owner: null,
          fromChat: false,
          createdAt: message(0).createdAt,
        },
        score: { value: 72, rules: [] },
        fields: [{ key: 'email', label: null, custom: false, value: 'jonas@example.com' }],
        company: null,
        cart: [],
        purchases: [],
        tags: ['oak-fan'],
        emails: [],
        notes: [],
        tasks: [],
        canEdit: true,
      },
    },
  });
});

/** The panel as the side panel page lays it out: the whole viewport, a column. */
function mount() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useInboxStore().open('c1');
  const screen = render(
    {
      render: () => h('div', { style: 'height: 100vh; display: flex; flex-direction: column' }, [h(ConversationView)]),
    },
    { global: { plugins: [pinia] } },
  );
  return {
    screen,
    card: screen.getByRole('complementary', { name: 'Contact card' }),
    reply: screen.getByRole('textbox', { name: 'Reply' }),
    last: screen.getByText(LAST),
  };
}

/** Wholly inside the window, not scrolled or pushed out of it. */
const inView = (el: Element) => {
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
};

describe('conversation and contact card (FEATURES D1, E3)', () => {
  it.each([320, 420, 600])(
    'at %i px the newest message and the reply box stay in view with the card open',
    async (width) => {
      await page.viewport(width, 900);
      const { card, reply, last } = mount();
      await expect.element(card.getByText('Jonas Keller', { exact: true })).toBeVisible();
      await expect.poll(() => last.query() !== null && inView(last.element())).toBe(true);
      expect(inView(reply.element())).toBe(true);
      expect(inView(card.element())).toBe(true);
      // Shown or not, the composer's hint is read with the reply box.
      await expect.element(reply).toHaveAccessibleDescription(/^Enter sends, Shift\+Enter adds a new line/);
    },
  );

  it.each([320, 420, 600])(
    'at %i px with every card section kept open the card scrolls in its own box and the conversation stays in view',
    async (width) => {
      await cardLayoutsItem.setValue({ [REP.id]: { order: [...CARD_SECTIONS], open: [...CARD_SECTIONS], locked: [] } });
      await page.viewport(width, 900);
      const { card, reply, last } = mount();
      await expect.element(card.getByText('Jonas Keller', { exact: true })).toBeVisible();
      await expect.element(card.getByRole('button', { name: /^Expand / }).first()).not.toBeInTheDocument();
      await expect.poll(() => last.query() !== null && inView(last.element())).toBe(true);
      expect(inView(reply.element())).toBe(true);
      // The card is taller than its drawer: the drawer is in view and scrolls, the card inside it.
      const drawer = document.getElementById('contact-card')!;
      expect(drawer.contains(card.element())).toBe(true);
      expect(inView(drawer)).toBe(true);
      expect(drawer.scrollHeight).toBeGreaterThan(drawer.clientHeight);
    },
  );

  it('Alt+Shift+C moves focus from the reply box to the card and back; hiding the card keeps focus on its button', async () => {
    await page.viewport(420, 900);
    const { screen, card, reply } = mount();
    await expect.element(card.getByText('Jonas Keller', { exact: true })).toBeVisible();
    await reply.click();
    await userEvent.keyboard('{Alt>}{Shift>}C{/Shift}{/Alt}');
    await expect.poll(() => document.activeElement?.id).toBe('contact-card');
    await userEvent.keyboard('{Alt>}{Shift>}C{/Shift}{/Alt}');
    await expect.element(reply).toHaveFocus();

    const toggle = screen.getByRole('button', { name: 'Hide contact card' });
    await userEvent.keyboard('{Alt>}{Shift>}C{/Shift}{/Alt}');
    await expect.poll(() => document.activeElement?.id).toBe('contact-card');
    await toggle.click();
    await expect.element(screen.getByRole('button', { name: 'Show contact card' })).toHaveFocus();
    // Hidden, so out of the accessibility tree: the role no longer finds it.
    await expect.poll(() => card.query()).toBeNull();
    // Closed, the shortcut opens it and goes there.
    await reply.click();
    await userEvent.keyboard('{Alt>}{Shift>}C{/Shift}{/Alt}');
    await expect.poll(() => document.activeElement?.id).toBe('contact-card');
    await expect.element(card).toBeVisible();
  });
});

describe("a deleted rep's conversations (FEATURES H1)", () => {
  it('a closed one names its owner in the header, marked former', async () => {
    await db.conversations.put(
      conversation('c1', 'closed', 'r_anna', {
        visitorName: 'Jonas Keller',
        ownerName: 'Anna Rossi',
        ownerFormer: true,
        closedReason: 'handled',
      }),
    );
    const { screen } = mount();
    await expect.element(screen.getByText('Closed: handled · Anna Rossi (former) · Demo shop')).toBeVisible();
  });

  it("the visitor's earlier conversations name their owner, marked former", async () => {
    const { screen } = mount();
    await screen.getByRole('button', { name: 'Earlier conversations' }).click();
    const past = screen.getByRole('region', { name: 'Earlier conversations' });
    await expect.element(past.getByRole('heading', { level: 3 })).toHaveTextContent('Anna Rossi (former)');
  });

  it('an active conversation of a rep still here names them plainly', async () => {
    const { screen } = mount();
    await expect.element(screen.getByText('Active with Anna · Demo shop', { exact: true })).toBeVisible();
  });
});
