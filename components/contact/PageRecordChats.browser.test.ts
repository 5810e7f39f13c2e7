import { createPinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { nextTick } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REP } from '#entrypoints/background/hub-data.testing';
import type { ContactChat, CrmAnswer, CrmRequest } from '#protocol';
import type { CrmResult } from '#utils/messaging';
import { pageRecordsItem } from '#utils/page-records';
import { repItem } from '#utils/settings';
import PageRecordChats from './PageRecordChats.vue';

/** The side panel's chats with the contact on the active CRM page (FEATURES E12), against a scripted worker. */
const sent: CrmRequest[] = [];
let answer: (request: CrmRequest) => CrmResult;
vi.mock('#utils/messaging', () => ({
  sendMessage: vi.fn(async (name: string, data: unknown) => {
    if (name !== 'crm') return { ok: true };
    sent.push(data as CrmRequest);
    return answer(data as CrmRequest);
  }),
}));

const ok = (a: CrmAnswer): CrmResult => ({ ok: true, answer: a });
const chat = (id: string, firstMessage: string | null, extra: Partial<ContactChat> = {}): ContactChat => ({
  id,
  chatName: 'Demo shop',
  status: 'closed',
  ownerName: 'Anna Rossi',
  createdAt: '2026-11-20T10:00:00.000Z',
  firstMessage,
  ...extra,
});
const CHATS: Record<string, ContactChat[]> = {
  'maria@shop.test': [
    chat('m1', 'Is the oak table in stock?'),
    chat('m2', 'Delivery to Milan?', { status: 'active' }),
    chat('m0', 'Do you ship to Turin?', { ownerName: 'Ben Ortiz', ownerFormer: true }),
  ],
  'jonas@shop.test': [chat('j1', '<img src=x onerror=alert(1)>', { ownerName: null, status: 'pending' })],
};

beforeEach(async () => {
  sent.length = 0;
  answer = (r) => {
    if (r.op === 'lookup')
      return ok({
        op: 'lookup',
        card: null,
        conversations: CHATS[r.email] ?? [],
        next: r.email === 'maria@shop.test' ? { at: '2026-11-19T10:00:00.000Z', id: 'm2' } : null,
      });
    if (r.op === 'contactChats')
      return ok({ op: 'contactChats', conversations: [chat('m3', 'An older question')], next: null });
    if (r.op === 'transcript')
      return ok({
        op: 'transcript',
        conversationId: r.conversationId,
        messages: [
          {
            id: 'x1',
            conversationId: r.conversationId,
            clientId: null,
            author: 'visitor',
            authorName: 'Maria',
            repId: null,
            text: 'Is the oak table in stock?',
            pageUrl: null,
            createdAt: '2026-11-20T10:00:00.000Z',
          },
          {
            id: 'x2',
            conversationId: r.conversationId,
            clientId: null,
            author: 'rep',
            authorName: 'Anna Rossi',
            repId: 'r',
            text: 'Yes, two left.',
            pageUrl: null,
            createdAt: '2026-11-20T10:01:00.000Z',
          },
        ],
      });
    return { ok: false, code: 'internal', message: r.op };
  };
  await repItem.setValue({ ...REP });
});

/** The panel's window (0) with tab 7 active; the fake browser has no windows of its own. */
function mountOnTab() {
  (fakeBrowser.windows as unknown as Record<string, unknown>).getCurrent = async () => ({ id: 0 });
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, windowId: 0 }] as never);
  const screen = render(PageRecordChats, { global: { plugins: [createPinia()] } });
  return { tabId: 7, screen, section: screen.getByRole('region', { name: 'The record on this page' }) };
}
const lookedUp = (email: string) => sent.filter((r) => r.op === 'lookup' && r.email === email);

describe('chats with the contact on the CRM page', () => {
  it('offers nothing while the active tab shows no record', async () => {
    const { tabId, section } = mountOnTab();
    const other = { [tabId + 1]: { email: 'jonas@shop.test', url: 'x', at: 1 } };
    await pageRecordsItem.setValue(other);
    await pageRecordsItem.setValue({ ...other, [tabId]: { email: 'maria@shop.test', url: 'y', at: 2 } });
    await expect.element(section.getByRole('button', { name: 'Chats with maria@shop.test' })).toBeVisible();
    // The record open in another tab was never offered nor looked up.
    expect(lookedUp('jonas@shop.test')).toEqual([]);
    await pageRecordsItem.setValue(other);
    await expect.element(section).not.toBeInTheDocument();
  });

  it("lists the contact's chats, opens a transcript read-only, pages back, and follows the page to another record", async () => {
    const { tabId, section } = mountOnTab();
    await pageRecordsItem.setValue({
      [tabId]: { email: 'maria@shop.test', url: 'https://crm.test/contacts/1', at: 1 },
    });
    const toggle = section.getByRole('button', { name: 'Chats with maria@shop.test', exact: true });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    const chats = section.getByRole('list', { name: 'Chats with maria@shop.test' });
    await expect.element(chats.getByText('Is the oak table in stock?')).toBeVisible();
    await expect.element(chats.getByText('Delivery to Milan?')).toBeVisible();
    await expect.element(chats).toHaveTextContent('Anna Rossi');
    await expect.element(chats).toHaveTextContent('Demo shop');
    await expect.element(chats).toHaveTextContent('active');
    // A deleted rep's chat stays under their name, marked former (FEATURES H1).
    await expect.element(chats.getByText(/· Ben Ortiz \(former\) ·/)).toBeVisible();
    await expect.element(chats).not.toHaveTextContent('Anna Rossi (former)');

    await chats
      .getByRole('button', { name: /^Transcript of the chat/ })
      .first()
      .click();
    await expect.element(section.getByText('Yes, two left.')).toBeVisible();
    expect(section.getByRole('textbox').elements()).toEqual([]); // read-only: nothing to type into
    await section.getByRole('button', { name: 'Older chats' }).click();
    await expect.element(section.getByText('An older question')).toBeVisible();
    expect(sent.find((r) => r.op === 'contactChats')).toMatchObject({ email: 'maria@shop.test', before: { id: 'm2' } });

    // The CRM page routes to another record: the list follows, and visitor text stays text.
    await pageRecordsItem.setValue({
      [tabId]: { email: 'jonas@shop.test', url: 'https://crm.test/contacts/2', at: 2 },
    });
    const jonas = section.getByRole('button', { name: 'Chats with jonas@shop.test', exact: true });
    await expect.element(jonas).toBeVisible();
    await expect.element(section.getByText('<img src=x onerror=alert(1)>')).toBeVisible();
    await expect.element(section).not.toHaveTextContent('oak table');
    expect(section.element().querySelector('img')).toBeNull();
    await expect.element(section).toHaveTextContent('no rep');

    // The rep switches to a tab without a record, in this window; another window's tab changes nothing.
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 99, windowId: 5 });
    await nextTick();
    expect(jonas.query()).not.toBeNull();
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 8, windowId: 0 });
    await expect.element(section).not.toBeInTheDocument();
  });
});
