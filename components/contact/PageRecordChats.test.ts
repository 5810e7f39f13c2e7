import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REP } from '../../entrypoints/background/fake-hub.testing';
import type { ContactChat, CrmAnswer, CrmRequest } from '../../protocol';
import type { CrmResult } from '../../utils/messaging';
import { pageRecordsItem } from '../../utils/page-records';
import { repItem } from '../../utils/settings';
import PageRecordChats from './PageRecordChats.vue';

/** The side panel's chats with the contact on the active CRM page (SPEC E12), against a scripted worker. */
const sent: CrmRequest[] = [];
let answer: (request: CrmRequest) => CrmResult;
vi.mock('../../utils/messaging', () => ({
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
  'maria@shop.test': [chat('m1', 'Is the oak table in stock?'), chat('m2', 'Delivery to Milan?', { status: 'active' })],
  'jonas@shop.test': [chat('j1', '<img src=x onerror=alert(1)>', { ownerName: null, status: 'pending' })],
};

let app: App | null = null;
let root: HTMLElement;
beforeEach(async () => {
  fakeBrowser.reset();
  sent.length = 0;
  answer = (r) => {
    if (r.op === 'lookup') return ok({ op: 'lookup', card: null, conversations: CHATS[r.email] ?? [], next: r.email === 'maria@shop.test' ? { at: '2026-11-19T10:00:00.000Z', id: 'm2' } : null });
    if (r.op === 'contactChats') return ok({ op: 'contactChats', conversations: [chat('m3', 'An older question')], next: null });
    if (r.op === 'transcript') return ok({ op: 'transcript', conversationId: r.conversationId, messages: [{ id: 'x1', conversationId: r.conversationId, clientId: null, author: 'visitor', authorName: 'Maria', repId: null, text: 'Is the oak table in stock?', pageUrl: null, createdAt: '2026-11-20T10:00:00.000Z' }, { id: 'x2', conversationId: r.conversationId, clientId: null, author: 'rep', authorName: 'Anna Rossi', repId: 'r', text: 'Yes, two left.', pageUrl: null, createdAt: '2026-11-20T10:01:00.000Z' }] });
    return { ok: false, code: 'internal', message: r.op };
  };
  await repItem.setValue({ ...REP });
  root = document.createElement('div');
  document.body.append(root);
  setActivePinia(createPinia());
});
afterEach(() => {
  app?.unmount();
  app = null;
  root.remove();
});

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
    await nextTick();
  }
  throw new Error(`timed out waiting for ${what}; html: ${root.innerHTML.slice(0, 600)}`);
}
const text = () => root.textContent ?? '';
const button = (name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''));

/** The panel's window (0) with tab 7 active; the fake browser has no windows of its own. */
async function mountOnTab() {
  (fakeBrowser.windows as unknown as Record<string, unknown>).getCurrent = async () => ({ id: 0 });
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, windowId: 0 }] as never);
  app = createApp(PageRecordChats).use(createPinia());
  app.mount(root);
  return 7;
}

describe('chats with the contact on the CRM page', () => {
  it('offers nothing while the active tab shows no record', async () => {
    const tabId = await mountOnTab();
    await pageRecordsItem.setValue({ [tabId + 1]: { email: 'maria@shop.test', url: 'x', at: 1 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(root.querySelector('section')).toBeNull();
    expect(sent).toEqual([]);
  });

  it("lists the contact's chats, opens a transcript read-only, pages back, and follows the page to another record", async () => {
    const tabId = await mountOnTab();
    await pageRecordsItem.setValue({ [tabId]: { email: 'maria@shop.test', url: 'https://crm.test/contacts/1', at: 1 } });
    await until(() => !!button(/^\s*Chats with maria@shop\.test\s*$/), 'the offer');
    const toggle = button(/Chats with/)!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await until(() => text().includes('Is the oak table in stock?') && text().includes('Delivery to Milan?'), 'the chats');
    expect(text()).toContain('Anna Rossi');
    expect(text()).toContain('Demo shop');
    expect(text()).toContain('active');

    button(/Transcript of the chat/)!.click();
    await until(() => text().includes('Yes, two left.'), 'the transcript');
    expect(root.querySelector('textarea, input')).toBeNull(); // read-only: nothing to type into
    button(/Older chats/)!.click();
    await until(() => text().includes('An older question'), 'the older page');
    expect(sent.find((r) => r.op === 'contactChats')).toMatchObject({ email: 'maria@shop.test', before: { id: 'm2' } });

    // The CRM page routes to another record: the list follows, and visitor text stays text.
    await pageRecordsItem.setValue({ [tabId]: { email: 'jonas@shop.test', url: 'https://crm.test/contacts/2', at: 2 } });
    await until(() => !!button(/Chats with jonas@shop\.test/) && text().includes('<img src=x onerror=alert(1)>'), 'the next record');
    expect(text()).not.toContain('oak table');
    expect(root.querySelector('img')).toBeNull();
    expect(text()).toContain('no rep');

    // The rep switches to a tab without a record, in this window; another window's tab changes nothing.
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 99, windowId: 5 });
    await nextTick();
    expect(button(/Chats with jonas/)).toBeTruthy();
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 8, windowId: 0 });
    await until(() => !root.querySelector('section'), 'the offer to go');
  });
});
