import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrmSite } from '#utils/crm-site-match';
import { watchRecordEmail } from './record-email';

/** The content script's watch on a CRM record page (FEATURES E12), on a real DOM with real mutations. */
const SITE: CrmSite = {
  id: 's',
  name: 'CRM',
  pattern: 'https://crm.test/*',
  recordPath: '/contacts/*',
  emailSelector: '[data-field="email"]',
  emailAttribute: null,
  recordUrlTemplate: null,
};

let url: string;
let sites: CrmSite[];
let sitesChanged: () => void;
let reports: [string | null, string][];
let watcher: ReturnType<typeof watchRecordEmail> | null;
beforeEach(() => {
  document.body.innerHTML = '';
  url = 'https://crm.test/contacts/1';
  sites = [SITE];
  reports = [];
  watcher = null;
});
afterEach(() => watcher?.stop());

function start() {
  watcher = watchRecordEmail({
    loadSites: async () => sites,
    onSitesChanged: (listener) => {
      sitesChanged = listener;
    },
    report: (email, at) => reports.push([email, at]),
    doc: document,
    location: () => url,
  });
}

describe('watching the record email', () => {
  it('reports the email on the page, follows single-page navigation and re-renders, and says when it is gone', async () => {
    document.body.innerHTML = '<main><span data-field="email">maria.bianchi@example.com</span></main>';
    start();
    await vi.waitFor(() => expect(reports).toEqual([['maria.bianchi@example.com', 'https://crm.test/contacts/1']]));

    // The app routes to another record and re-renders the field.
    url = 'https://crm.test/contacts/2';
    document.querySelector('[data-field="email"]')!.textContent = 'jonas.keller@example.com';
    await vi.waitFor(() => expect(reports.at(-1)).toEqual(['jonas.keller@example.com', 'https://crm.test/contacts/2']));

    // A list page: not a record page, so no record.
    url = 'https://crm.test/reports';
    document.body.append(document.createElement('p'));
    await vi.waitFor(() => expect(reports.at(-1)).toEqual([null, 'https://crm.test/reports']));
    expect(reports).toHaveLength(3);
  });

  it('reports nothing for a page without an email, and reports only the settled value after a burst of changes', async () => {
    document.body.innerHTML = '<span data-field="email">not yet loaded</span>';
    start();
    await new Promise((r) => setTimeout(r, 50));
    expect(reports).toEqual([]);
    const field = document.querySelector('[data-field="email"]')!;
    for (let i = 0; i < 200; i++) field.textContent = i === 199 ? 'petr.dvorak@example.com' : `loading ${i}`;
    await vi.waitFor(() => expect(reports).toEqual([['petr.dvorak@example.com', url]]));
  });

  it('reads an attribute when the site says so, and starts when the site is configured later', async () => {
    sites = [];
    document.body.innerHTML = '<a id="mail" href="mailto:ben@shop.test">Write</a>';
    start();
    await new Promise((r) => setTimeout(r, 50));
    expect(reports).toEqual([]);
    sites = [{ ...SITE, recordPath: null, emailSelector: '#mail', emailAttribute: 'href' }];
    sitesChanged();
    await vi.waitFor(() => expect(reports).toEqual([['ben@shop.test', url]]));
    document.getElementById('mail')!.setAttribute('href', 'mailto:anna@shop.test');
    await vi.waitFor(() => expect(reports.at(-1)).toEqual(['anna@shop.test', url]));
  });

  it('does not observe pages of sites it has no selector for', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    url = 'https://elsewhere.test/contacts/1';
    start();
    await new Promise((r) => setTimeout(r, 20));
    expect(observe).not.toHaveBeenCalled();
    observe.mockRestore();
  });
});
