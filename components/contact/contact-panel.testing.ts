import { createPinia, setActivePinia } from 'pinia';
import { beforeEach } from 'vitest';
import { render } from 'vitest-browser-vue';
import { REP } from '#entrypoints/background/hub-data.testing';
import type { CardAnswerBody, ContactCard, CrmAnswer, CrmRequest } from '#protocol';
import { hub } from './crm-hub.testing';
import { useInboxStore } from '#stores/inbox';
import { CARD_SECTIONS, cardLayoutsItem, DEFAULT_CARD_LAYOUT } from '#utils/card-layout';
import type { CrmResult } from '#utils/messaging';
import { repItem } from '#utils/settings';
import ContactPanel from './ContactPanel.vue';

/**
 * What the contact card's component tests share: the cards the scripted worker (`crm-hub.testing.ts`)
 * answers with, and the mounted panel.
 */
export { hub } from './crm-hub.testing';

export const AT = '2026-11-21T10:00:00.000Z';
export const card = (name: string, extra: Partial<ContactCard> = {}): ContactCard => ({
  contact: {
    id: `ct-${name}`,
    kind: 'person',
    name,
    email: `${name.toLowerCase()}@shop.test`,
    phone: null,
    address: null,
    company: null,
    owner: { id: 'rep-ben', name: 'Ben' },
    fromChat: false,
    createdAt: AT,
  },
  score: { value: 42, rules: [] },
  fields: [{ key: 'email', label: null, custom: false, value: `${name.toLowerCase()}@shop.test` }],
  company: null,
  cart: [],
  purchases: [],
  tags: ['vip'],
  emails: [],
  notes: [],
  tasks: [],
  canEdit: true,
  ...extra,
});
export const matched = (c: ContactCard): CardAnswerBody => ({ status: 'matched', card: c });
export const ok = (a: CrmAnswer): CrmResult => ({ ok: true, answer: a });
export const NO_RECS: CrmAnswer = { op: 'recommendations', lastVisit: [], abandonedCart: [], recommended: [] };

/** The hub's usual answers for the reads every card makes. */
export function reads(request: CrmRequest, cards: Record<string, CardAnswerBody>): CrmResult | null {
  if (request.op === 'card') return ok({ op: 'card', result: cards[request.conversationId]! });
  if (request.op === 'recommendations') return ok(NO_RECS);
  if (request.op === 'feed') return ok({ op: 'feed', items: [], next: null });
  if (request.op === 'leadOptions')
    return ok({
      op: 'leadOptions',
      owners: [{ id: 'rep-ben', name: 'Ben', status: 'online' } as never],
      pools: [{ id: 'pool-1', name: 'Inside sales', members: [] }],
    });
  if (request.op === 'searchProducts') return ok({ op: 'searchProducts', products: [], brands: [], categories: [] });
  return null;
}

// The panel shares the test's pinia, so the test can switch the open conversation.

/**
 * Resets the scripted hub and the rep's card layout before each test (every section open: most tests
 * work inside them), and mounts the panel on a conversation in the test's pinia, which the test can
 * use to switch the open conversation.
 */
export function panelFixture() {
  let activePinia: ReturnType<typeof createPinia>;
  beforeEach(async () => {
    hub.sent.length = 0;
    await repItem.setValue({ ...REP });
    await cardLayoutsItem.setValue({ [REP.id]: { ...DEFAULT_CARD_LAYOUT, open: [...CARD_SECTIONS] } });
    activePinia = createPinia();
    setActivePinia(activePinia);
  });
  return function mount(conversationId: string) {
    useInboxStore().open(conversationId);
    const screen = render(ContactPanel, {
      props: { conversationId, canReply: true },
      global: { plugins: [activePinia] },
    });
    const panel = screen.getByRole('complementary', { name: 'Contact card' });
    return { panel, button: (name: string) => panel.getByRole('button', { name, exact: true }) };
  };
}

/** The card's sections (each a region named by its heading), top to bottom. */
export const sectionOrder = () =>
  [...document.querySelectorAll('[data-section]')].map((el) => el.getAttribute('data-section'));
