import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REP } from '../../entrypoints/background/fake-hub.testing';
import type { CardAnswerBody, ContactCard, CrmAnswer, CrmRequest } from '../../protocol';
import { useInboxStore } from '../../stores/inbox';
import { useSessionStore } from '../../stores/session';
import { cardLayoutsItem } from '../../utils/card-layout';
import { crmSitesItem } from '../../utils/crm-sites';
import { clearAll, db } from '../../utils/db';
import type { CrmResult } from '../../utils/messaging';
import { repItem } from '../../utils/settings';
import ContactPanel from './ContactPanel.vue';

/**
 * The contact card against a scripted worker: each crm request is answered by `answer`, which a test
 * may hold back (a promise it resolves later) to play a slow hub.
 */
const sent: CrmRequest[] = [];
let answer: (request: CrmRequest) => Promise<CrmResult> | CrmResult;
vi.mock('../../utils/messaging', () => ({
  sendMessage: vi.fn(async (name: string, data: unknown) => {
    if (name !== 'crm') return { ok: true };
    sent.push(data as CrmRequest);
    return answer(data as CrmRequest);
  }),
}));

const AT = '2026-11-21T10:00:00.000Z';
const card = (name: string, extra: Partial<ContactCard> = {}): ContactCard => ({
  contact: { id: `ct-${name}`, kind: 'person', name, email: `${name.toLowerCase()}@shop.test`, phone: null, address: null, company: null, owner: { id: 'rep-ben', name: 'Ben' }, fromChat: false, createdAt: AT },
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
  if (request.op === 'leadOptions') return ok({ op: 'leadOptions', owners: [{ id: 'rep-ben', name: 'Ben', status: 'online' } as never], pools: [{ id: 'pool-1', name: 'Inside sales', members: [] }] });
  if (request.op === 'searchProducts') return ok({ op: 'searchProducts', products: [], brands: [], categories: [] });
  return null;
}

let app: App | null = null;
let root: HTMLElement;
beforeEach(async () => {
  fakeBrowser.reset();
  sent.length = 0;
  await clearAll(db);
  await repItem.setValue({ ...REP });
  root = document.createElement('div');
  document.body.append(root);
  activePinia = createPinia();
  setActivePinia(activePinia);
});
afterEach(() => {
  app?.unmount();
  app = null;
  root.remove();
});

// The panel shares the test's pinia, so the test can switch the open conversation.
let activePinia: ReturnType<typeof createPinia>;
function mount(conversationId: string) {
  useInboxStore().open(conversationId);
  app = createApp(ContactPanel, { conversationId, canReply: true }).use(activePinia);
  app.mount(root);
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
    await nextTick();
  }
  throw new Error(`timed out waiting for ${what}; html: ${root.innerHTML.slice(0, 500)}`);
}
const text = () => root.textContent ?? '';
const sectionOrder = () => [...root.querySelectorAll('[data-section]')].map((el) => el.getAttribute('data-section'));
const button = (name: string) => [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name);
const input = (label: string) => root.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)!;

describe('contact card in the side panel', () => {
  it('shows the matched customer and adds a tag through the hub', async () => {
    answer = (r) => reads(r, { c1: matched(card('Maria')) }) ?? (r.op === 'addTag' ? ok({ op: 'addTag', tags: ['vip', r.tag] }) : { ok: false, code: 'internal', message: r.op });
    mount('c1');
    await until(() => text().includes('Maria') && text().includes('42'), 'the card');
    input('New customer tag').value = 'returning';
    input('New customer tag').dispatchEvent(new Event('input'));
    await nextTick();
    button('Add customer tag')!.click();
    await until(() => !!button('Remove customer tag returning'), 'the new tag');
    const tagRequest = sent.find((r) => r.op === 'addTag');
    expect(tagRequest).toMatchObject({ op: 'addTag', contactId: 'ct-Maria', tag: 'returning' });
    // The hub's answer is kept for next time.
    expect((await db.cards.get('c1'))?.card).toMatchObject({ status: 'matched', card: { tags: ['vip', 'returning'] } });
  });

  it('shows the cached card at once, then the hub\'s', async () => {
    await db.cards.put({ conversationId: 'c1', card: matched(card('Cached')), savedAt: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    answer = async (r) => {
      if (r.op === 'card') await held;
      return reads(r, { c1: matched(card('Fresh')) })!;
    };
    mount('c1');
    await until(() => text().includes('Cached'), 'the cached card');
    expect(text()).toContain('Saved copy');
    release();
    await until(() => text().includes('Fresh') && !text().includes('Cached'), "the hub's card");
  });

  it('an answer for a conversation the rep has left never shows', async () => {
    let releaseFirst!: () => void;
    const heldFirst = new Promise<void>((r) => (releaseFirst = r));
    answer = async (r) => {
      if (r.op === 'card' && r.conversationId === 'c1') await heldFirst;
      return reads(r, { c1: matched(card('Old')), c2: matched(card('New')) })!;
    };
    mount('c1');
    await until(() => sent.some((r) => r.op === 'card'), 'the first request');
    useInboxStore().open('c2');
    await until(() => text().includes('New'), 'the second card');
    releaseFirst();
    await new Promise((r) => setTimeout(r, 50));
    await nextTick();
    expect(text()).toContain('New');
    expect(text()).not.toContain('Old');
  });

  it('an anonymous visitor with an email gets create lead; the rep is told who got it', async () => {
    let created = false;
    answer = (r) => {
      if (r.op === 'createLead') {
        created = true;
        return ok({ op: 'createLead', contact: card('Lia').contact, owner: { id: 'rep-ben', name: 'Ben' }, pool: { id: 'pool-1', name: 'Inside sales' } });
      }
      const anon: CardAnswerBody = { status: 'anonymous', known: { name: 'Lia', email: 'lia@shop.test', phone: null, lastPageUrl: null }, canCreateLead: true };
      return reads(r, { c1: created ? matched(card('Lia', { contact: { ...card('Lia').contact, kind: 'lead', fromChat: true } })) : anon })!;
    };
    mount('c1');
    await until(() => !!button('Create lead…'), 'the create lead button');
    expect(text()).toContain('lia@shop.test');
    button('Create lead…')!.click();
    await until(() => !!root.querySelector('option[value="pool:pool-1"]'), 'the lead options');
    root.querySelector<HTMLFormElement>('form[aria-label="Create lead"]')!.requestSubmit();
    await until(() => text().includes('Inside sales gave it to Ben'), 'who got the lead');
    expect(sent.find((r) => r.op === 'createLead')).toMatchObject({ assign: { kind: 'pool', poolId: 'pool-1' }, name: 'Lia' });
    expect(text()).toContain('from chat');
  });

  it('a section moved by the rep stays moved, for that rep only', async () => {
    answer = (r) => reads(r, { c1: matched(card('Maria')) })!;
    mount('c1');
    await until(() => !!useSessionStore().rep && !!button('Move Contact details down'), 'the section controls');
    button('Move Contact details down')!.click();
    await until(() => root.querySelector('[data-section]')?.getAttribute('data-section') === 'cart', 'the new order');
    const stored = await cardLayoutsItem.getValue();
    expect(stored[REP.id]?.order.slice(0, 2)).toEqual(['cart', 'details']);
    button('Lock Cart and purchases in place')!.click();
    await until(() => button('Move Contact details up')?.disabled === true, 'the lock');
  });

  it('shows the recent emails as a section the rep can collapse and move like the others', async () => {
    const emails = [{ id: 'em1', direction: 'in' as const, subject: 'Invoice request', snippet: 'Could you send the invoice?', at: AT }];
    answer = (r) => reads(r, { c1: matched(card('Maria', { emails })) })!;
    mount('c1');
    await until(() => text().includes('Invoice request'), 'the email');
    const section = root.querySelector('[data-section="emails"]')!;
    expect(section.querySelector('h3')!.textContent).toBe('Recent emails');
    expect(section.textContent).toContain('Could you send the invoice?');
    button('Collapse Recent emails')!.click();
    await until(() => !text().includes('Invoice request'), 'the collapsed section');
    expect(button('Expand Recent emails')!.getAttribute('aria-expanded')).toBe('false');
    button('Move Recent emails up')!.click();
    await until(() => (sectionOrder()).indexOf('emails') < (sectionOrder()).indexOf('tags'), 'the new order');
    expect((await cardLayoutsItem.getValue())[REP.id]).toMatchObject({ collapsed: ['emails'] });
  });

  it("lists the layout's fields in its order and sets a custom field's value through the hub (SPEC E4)", async () => {
    const fields = [
      { key: 'tier', label: 'Loyalty tier', custom: true, value: null },
      { key: 'phone', label: null, custom: false, value: null },
      { key: 'email', label: null, custom: false, value: 'maria@shop.test' },
    ];
    answer = (r) =>
      reads(r, { c1: matched(card('Maria', { fields })) }) ??
      (r.op === 'setField' ? ok({ op: 'setField', fields: fields.map((f) => (f.key === r.key ? { ...f, value: r.value } : f)) }) : { ok: false, code: 'internal', message: r.op });
    mount('c1');
    await until(() => !!button('Edit Loyalty tier'), 'the custom field');
    expect([...root.querySelectorAll('[data-section="details"] dt')].map((dt) => dt.textContent)).toEqual(['Loyalty tier', 'Phone', 'Email']);
    button('Edit Loyalty tier')!.click();
    await until(() => !!input('Loyalty tier'), 'the editor');
    input('Loyalty tier').value = ' Gold ';
    input('Loyalty tier').dispatchEvent(new Event('input'));
    await nextTick();
    input('Loyalty tier').closest('form')!.requestSubmit();
    await until(() => root.querySelector('[data-section="details"] dd')?.textContent?.includes('Gold') ?? false, 'the new value');
    expect(sent.find((r) => r.op === 'setField')).toMatchObject({ op: 'setField', contactId: 'ct-Maria', key: 'tier', value: 'Gold' });
    expect((await db.cards.get('c1'))?.card).toMatchObject({ card: { fields: [{ key: 'tier', value: 'Gold' }, {}, {}] } });
  });

  it('opens the record in each configured CRM, in a new tab without an opener (SPEC E8)', async () => {
    const site = { recordPath: null, emailSelector: null, emailAttribute: null };
    await crmSitesItem.setValue([
      { id: 's1', name: 'Acme CRM', pattern: 'https://crm.acme.test/*', ...site, recordUrlTemplate: 'https://crm.acme.test/contacts?email={email}' },
      { id: 's2', name: 'Phone CRM', pattern: 'https://crm.phone.test/*', ...site, recordUrlTemplate: 'https://crm.phone.test/{phone}' },
      { id: 's3', name: 'Page only', pattern: 'https://crm.page.test/*', ...site, emailSelector: '.email', recordUrlTemplate: null },
    ]);
    answer = (r) => reads(r, { c1: matched(card('Maria')) })!;
    mount('c1');
    await until(() => !!root.querySelector('a[href]'), 'the CRM link');
    const links = [...root.querySelectorAll('a[href]')];
    // Maria has no phone, so the phone-based template gives no link.
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://crm.acme.test/contacts?email=maria%40shop.test');
    expect(links[0]!.textContent).toBe('Open in Acme CRM');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
