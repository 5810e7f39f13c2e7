import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { REP } from '#entrypoints/background/hub-data.testing';
import type { CardAnswerBody, ContactCard, CrmAnswer, CrmRequest } from '#protocol';
import { useInboxStore } from '#stores/inbox';
import { useSessionStore } from '#stores/session';
import { nextFrame } from '../../tests/components/render';
import { CARD_SECTIONS, cardLayoutsItem, DEFAULT_CARD_LAYOUT } from '#utils/card-layout';
import { crmSitesItem } from '#utils/crm-sites';
import { db } from '#utils/db';
import type { CrmResult } from '#utils/messaging';
import { repItem } from '#utils/settings';
import ContactPanel from './ContactPanel.vue';

/**
 * The contact card against a scripted worker: each crm request is answered by `answer`, which a test
 * may hold back (a promise it resolves later) to play a slow hub.
 */
const sent: CrmRequest[] = [];
let answer: (request: CrmRequest) => Promise<CrmResult> | CrmResult;
vi.mock('#utils/messaging', () => ({
  sendMessage: vi.fn(async (name: string, data: unknown) => {
    if (name !== 'crm') return { ok: true };
    sent.push(data as CrmRequest);
    return answer(data as CrmRequest);
  }),
}));

const AT = '2026-11-21T10:00:00.000Z';
const card = (name: string, extra: Partial<ContactCard> = {}): ContactCard => ({
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
const matched = (c: ContactCard): CardAnswerBody => ({ status: 'matched', card: c });
const ok = (a: CrmAnswer): CrmResult => ({ ok: true, answer: a });
const NO_RECS: CrmAnswer = { op: 'recommendations', lastVisit: [], abandonedCart: [], recommended: [] };

/** The hub's usual answers for the reads every card makes. */
function reads(request: CrmRequest, cards: Record<string, CardAnswerBody>): CrmResult | null {
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
let activePinia: ReturnType<typeof createPinia>;
beforeEach(async () => {
  sent.length = 0;
  await repItem.setValue({ ...REP });
  // Most tests work inside sections, so this rep keeps them all open (closed is the default, tested below).
  await cardLayoutsItem.setValue({ [REP.id]: { ...DEFAULT_CARD_LAYOUT, open: [...CARD_SECTIONS] } });
  activePinia = createPinia();
  setActivePinia(activePinia);
});

function mount(conversationId: string) {
  useInboxStore().open(conversationId);
  const screen = render(ContactPanel, {
    props: { conversationId, canReply: true },
    global: { plugins: [activePinia] },
  });
  const panel = screen.getByRole('complementary', { name: 'Contact card' });
  return { panel, button: (name: string) => panel.getByRole('button', { name, exact: true }) };
}
/** The card's sections (each a region named by its heading), top to bottom. */
const sectionOrder = () =>
  [...document.querySelectorAll('[data-section]')].map((el) => el.getAttribute('data-section'));

describe('contact card in the side panel', () => {
  it('shows the matched customer and adds a tag through the hub', async () => {
    answer = (r) =>
      reads(r, { c1: matched(card('Maria')) }) ??
      (r.op === 'addTag' ? ok({ op: 'addTag', tags: ['vip', r.tag] }) : { ok: false, code: 'internal', message: r.op });
    const { panel, button } = mount('c1');
    await expect.element(panel).toHaveTextContent('Maria');
    await expect.element(panel).toHaveTextContent('Score 42/100');
    await panel.getByRole('textbox', { name: 'New customer tag' }).fill('returning');
    await button('Add customer tag').click();
    await expect.element(button('Remove customer tag returning')).toBeVisible();
    const tagRequest = sent.find((r) => r.op === 'addTag');
    expect(tagRequest).toMatchObject({ op: 'addTag', contactId: 'ct-Maria', tag: 'returning' });
    // The hub's answer is kept for next time.
    await expect
      .poll(async () => (await db.cards.get('c1'))?.card)
      .toMatchObject({ status: 'matched', card: { tags: ['vip', 'returning'] } });
  });

  it("shows the cached card at once, then the hub's", async () => {
    await db.cards.put({ conversationId: 'c1', card: matched(card('Cached')), savedAt: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    answer = async (r) => {
      if (r.op === 'card') await held;
      return reads(r, { c1: matched(card('Fresh')) })!;
    };
    const { panel } = mount('c1');
    await expect.element(panel).toHaveTextContent('Cached');
    await expect.element(panel).toHaveTextContent('Saved copy');
    release();
    await expect.element(panel).toHaveTextContent('Fresh');
    await expect.element(panel).not.toHaveTextContent('Cached');
  });

  it('an answer for a conversation the rep has left never shows', async () => {
    let releaseFirst!: () => void;
    const heldFirst = new Promise<void>((r) => (releaseFirst = r));
    let firstAnswered: Promise<unknown> | undefined;
    answer = (r) => {
      const reply = (async () => {
        if (r.op === 'card' && r.conversationId === 'c1') await heldFirst;
        return reads(r, { c1: matched(card('Old')), c2: matched(card('New')) })!;
      })();
      if (r.op === 'card' && r.conversationId === 'c1') firstAnswered = reply;
      return reply;
    };
    const { panel } = mount('c1');
    await expect.poll(() => sent.some((r) => r.op === 'card')).toBe(true);
    useInboxStore().open('c2');
    await expect.element(panel).toHaveTextContent('New');
    releaseFirst();
    await firstAnswered;
    await nextFrame();
    await expect.element(panel).toHaveTextContent('New');
    await expect.element(panel).not.toHaveTextContent('Old');
  });

  it('an anonymous visitor with an email gets create lead; the rep is told who got it', async () => {
    let created = false;
    answer = (r) => {
      if (r.op === 'createLead') {
        created = true;
        return ok({
          op: 'createLead',
          contact: card('Lia').contact,
          owner: { id: 'rep-ben', name: 'Ben' },
          pool: { id: 'pool-1', name: 'Inside sales' },
        });
      }
      const anon: CardAnswerBody = {
        status: 'anonymous',
        known: { name: 'Lia', email: 'lia@shop.test', phone: null, lastPageUrl: null },
        canCreateLead: true,
      };
      return reads(r, {
        c1: created
          ? matched(card('Lia', { contact: { ...card('Lia').contact, kind: 'lead', fromChat: true } }))
          : anon,
      })!;
    };
    const { panel, button } = mount('c1');
    await expect.element(panel).toHaveTextContent('lia@shop.test');
    await button('Create lead…').click();
    const form = panel.getByRole('form', { name: 'Create lead' });
    await expect.element(form.getByRole('combobox', { name: 'Give to' })).toHaveValue('pool:pool-1');
    await form.getByRole('button', { name: 'Create lead', exact: true }).click();
    await expect.element(panel).toHaveTextContent('Inside sales gave it to Ben');
    expect(sent.find((r) => r.op === 'createLead')).toMatchObject({
      assign: { kind: 'pool', poolId: 'pool-1' },
      name: 'Lia',
    });
    await expect.element(panel).toHaveTextContent('from chat');
  });

  it('a section moved by the rep stays moved, for that rep only', async () => {
    answer = (r) => reads(r, { c1: matched(card('Maria')) })!;
    const { button } = mount('c1');
    await expect.poll(() => useSessionStore().rep).toBeTruthy();
    await button('Move Contact details down').click();
    await expect.poll(() => sectionOrder()[0]).toBe('cart');
    const stored = await cardLayoutsItem.getValue();
    expect(stored[REP.id]?.order.slice(0, 2)).toEqual(['cart', 'details']);
    await button('Lock Cart and purchases in place').click();
    await expect.element(button('Move Contact details up')).toBeDisabled();
  });

  it('opens with every section but the contact details closed to its heading, and keeps what the rep opens', async () => {
    await cardLayoutsItem.setValue({});
    answer = (r) => reads(r, { c1: matched(card('Maria')) })!;
    const { panel, button } = mount('c1');
    await expect
      .element(panel.getByRole('region', { name: 'Contact details', exact: true }))
      .toHaveTextContent('maria@shop.test');
    const tags = panel.getByRole('region', { name: 'Customer tags', exact: true });
    await expect.element(button('Expand Customer tags')).toHaveAttribute('aria-expanded', 'false');
    expect(tags.getByRole('list').elements()).toHaveLength(0);
    await button('Expand Customer tags').click();
    await expect.element(tags.getByRole('listitem')).toHaveTextContent('vip');
    await expect.poll(async () => (await cardLayoutsItem.getValue())[REP.id]?.open).toEqual(['details', 'tags']);
  });

  it('shows the recent emails as a section the rep can collapse and move like the others', async () => {
    const emails = [
      {
        id: 'em1',
        direction: 'in' as const,
        subject: 'Invoice request',
        snippet: 'Could you send the invoice?',
        at: AT,
      },
    ];
    answer = (r) => reads(r, { c1: matched(card('Maria', { emails })) })!;
    const { panel, button } = mount('c1');
    const section = panel.getByRole('region', { name: 'Recent emails', exact: true });
    await expect.element(section.getByRole('heading', { name: 'Recent emails', level: 3 })).toBeVisible();
    await expect.element(section).toHaveTextContent('Invoice request');
    await expect.element(section).toHaveTextContent('Could you send the invoice?');
    await button('Collapse Recent emails').click();
    await expect.element(panel).not.toHaveTextContent('Invoice request');
    await expect.element(button('Expand Recent emails')).toHaveAttribute('aria-expanded', 'false');
    await button('Move Recent emails up').click();
    await expect.poll(() => sectionOrder().indexOf('emails') < sectionOrder().indexOf('tags')).toBe(true);
    await expect.poll(async () => (await cardLayoutsItem.getValue())[REP.id]?.open).not.toContain('emails');
  });

  it("lists the layout's fields in its order and sets a custom field's value through the hub (FEATURES E4)", async () => {
    const fields = [
      { key: 'tier', label: 'Loyalty tier', custom: true, value: null },
      { key: 'phone', label: null, custom: false, value: null },
      { key: 'email', label: null, custom: false, value: 'maria@shop.test' },
    ];
    answer = (r) =>
      reads(r, { c1: matched(card('Maria', { fields })) }) ??
      (r.op === 'setField'
        ? ok({ op: 'setField', fields: fields.map((f) => (f.key === r.key ? { ...f, value: r.value } : f)) })
        : { ok: false, code: 'internal', message: r.op });
    const { panel, button } = mount('c1');
    const details = panel.getByRole('region', { name: 'Contact details', exact: true });
    await expect.element(button('Edit Loyalty tier')).toBeVisible();
    expect(
      details
        .getByRole('term')
        .elements()
        .map((dt) => dt.textContent),
    ).toEqual(['Loyalty tier', 'Phone', 'Email']);
    await button('Edit Loyalty tier').click();
    await details.getByRole('textbox', { name: 'Loyalty tier' }).fill(' Gold ');
    await details.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.element(details.getByRole('definition').first()).toHaveTextContent('Gold');
    expect(sent.find((r) => r.op === 'setField')).toMatchObject({
      op: 'setField',
      contactId: 'ct-Maria',
      key: 'tier',
      value: 'Gold',
    });
    await expect
      .poll(async () => (await db.cards.get('c1'))?.card)
      .toMatchObject({ card: { fields: [{ key: 'tier', value: 'Gold' }, {}, {}] } });
  });

  it('opens the record in each configured CRM, in a new tab without an opener (FEATURES E8)', async () => {
    const site = { recordPath: null, emailSelector: null, emailAttribute: null };
    await crmSitesItem.setValue([
      {
        id: 's1',
        name: 'Acme CRM',
        pattern: 'https://crm.acme.test/*',
        ...site,
        recordUrlTemplate: 'https://crm.acme.test/contacts?email={email}',
      },
      {
        id: 's2',
        name: 'Phone CRM',
        pattern: 'https://crm.phone.test/*',
        ...site,
        recordUrlTemplate: 'https://crm.phone.test/{phone}',
      },
      {
        id: 's3',
        name: 'Page only',
        pattern: 'https://crm.page.test/*',
        ...site,
        emailSelector: '.email',
        recordUrlTemplate: null,
      },
    ]);
    answer = (r) => reads(r, { c1: matched(card('Maria')) })!;
    const { panel } = mount('c1');
    const link = panel.getByRole('link', { name: 'Open in Acme CRM', exact: true });
    await expect.element(link).toHaveAttribute('href', 'https://crm.acme.test/contacts?email=maria%40shop.test');
    // Maria has no phone, so the phone-based template gives no link.
    expect(panel.getByRole('link').elements()).toHaveLength(1);
    await expect.element(link).toHaveAttribute('target', '_blank');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
  });
});
