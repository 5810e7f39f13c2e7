import { describe, expect, it } from 'vitest';
import { emailFrom, matchesPattern, readRecordEmail, siteForPage, type CrmSite } from './crm-site-match';

/** What the content script decides on a page (FEATURES E12): pure functions over a URL and a document. */
const site = (extra: Partial<CrmSite>): CrmSite => ({
  id: 's',
  name: 'CRM',
  pattern: 'https://crm.test/*',
  recordPath: null,
  emailSelector: '.email',
  emailAttribute: null,
  recordUrlTemplate: null,
  ...extra,
});

describe('match patterns', () => {
  it.each([
    ['https://crm.test/*', 'https://crm.test/contacts/1', true],
    ['https://crm.test/*', 'http://crm.test/contacts/1', false],
    ['*://crm.test/*', 'http://crm.test/', true],
    ['https://*.crm.test/*', 'https://eu.crm.test/x', true],
    ['https://*.crm.test/*', 'https://crm.test/x', true],
    ['https://*.crm.test/*', 'https://evilcrm.test/x', false],
    ['https://crm.test/app/*', 'https://crm.test/other', false],
    ['https://crm.test/*', 'https://crm.test.evil.example/', false],
    ['http://127.0.0.1/*', 'http://127.0.0.1:4567/record', true],
    ['https://crm.test/*', 'chrome://settings', false],
    ['not a pattern', 'https://crm.test/', false],
  ])('%s against %s: %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, url)).toBe(expected);
  });

  it('picks the first site with a selector whose record path fits', () => {
    const linkOnly = site({ id: 'link', emailSelector: null });
    const contacts = site({ id: 'contacts', recordPath: '/contacts/*' });
    const deals = site({ id: 'deals', recordPath: '/deals/*/person' });
    const sites = [linkOnly, contacts, deals];
    expect(siteForPage(sites, 'https://crm.test/contacts/9?tab=1')?.id).toBe('contacts');
    expect(siteForPage(sites, 'https://crm.test/deals/4/person')?.id).toBe('deals');
    expect(siteForPage(sites, 'https://crm.test/reports')).toBeNull();
    expect(siteForPage(sites, 'https://other.test/contacts/9')).toBeNull();
  });
});

describe('the record email', () => {
  it.each([
    ['  Maria.Bianchi@Example.com\n', 'maria.bianchi@example.com'],
    ['mailto:jonas%2Bsales@example.com?subject=Hi', 'jonas+sales@example.com'],
    ['Maria Bianchi', null],
    ['a@b', null],
    ['<script>@x.test', null],
    ['%E0%A4%A', null],
    [`${'a'.repeat(250)}@b.test`, null],
    ['', null],
  ])('%j → %j', (raw, expected) => {
    expect(emailFrom(raw)).toBe(expected);
  });

  it('reads the text or an attribute of the selected element, and nothing from a bad selector', () => {
    document.body.innerHTML =
      '<div class="email"> Petr.Dvorak@example.com </div><a class="mail" href="mailto:ben@shop.test">Write</a>';
    expect(readRecordEmail(document, site({}))).toBe('petr.dvorak@example.com');
    expect(readRecordEmail(document, site({ emailSelector: 'a.mail', emailAttribute: 'href' }))).toBe('ben@shop.test');
    expect(readRecordEmail(document, site({ emailSelector: 'a.mail' }))).toBeNull();
    expect(readRecordEmail(document, site({ emailSelector: '.missing' }))).toBeNull();
    expect(readRecordEmail(document, site({ emailSelector: '[[[' }))).toBeNull();
  });
});
