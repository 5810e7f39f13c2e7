/**
 * CRM page awareness (FEATURES E12), the part the page's content script runs: which configured site a
 * page belongs to and the record email it shows. No imports on purpose — the content script has a
 * size budget (entrypoints/crm-icon.content), so zod validation lives with the options page
 * (utils/crm-sites.ts) and this file only trusts what that page stored.
 */

/** storage.local key of the rep's CRM sites (the options page's storage item is `local:crmSites`). */
export const CRM_SITES_KEY = 'crmSites';

export interface CrmSite {
  id: string;
  /** The CRM's name, shown on the "Open in …" button. */
  name: string;
  /** A match pattern as granted to the extension, e.g. `https://crm.example.com/*` or `https://*.example.com/*`. */
  pattern: string;
  /** Only pages whose path matches this (`*` = any characters), e.g. `/contacts/*`; null: every page of the site. */
  recordPath: string | null;
  /** CSS selector of the element holding the record's email; null: this site only has an "Open in CRM" link. */
  emailSelector: string | null;
  /** Read this attribute (e.g. `href` of a mailto: link, `data-email`); null: the element's text. */
  emailAttribute: string | null;
  /** "Open in CRM" (FEATURES E8): URL template with {id} {email} {name} {phone}; null: no button. */
  recordUrlTemplate: string | null;
}

const escapeRegExp = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);

/** Whether a URL falls under a match pattern (scheme, host with an optional `*.` prefix, path glob). */
export function matchesPattern(pattern: string, url: string): boolean {
  const parts = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!parts) return false;
  const [, scheme, host, path] = parts as unknown as [string, string, string, string];
  const protocol = parsed.protocol.slice(0, -1);
  if (protocol !== 'http' && protocol !== 'https') return false;
  if (scheme !== '*' && scheme !== protocol) return false;
  if (host !== '*') {
    const bare = host.startsWith('*.') ? host.slice(2) : host;
    const ok = parsed.hostname === bare || (host.startsWith('*.') && parsed.hostname.endsWith(`.${bare}`));
    if (!ok) return false;
  }
  return glob(path).test(parsed.pathname + parsed.search);
}

/** The first site with an email selector whose pattern and record path fit this page. */
export function siteForPage(sites: readonly CrmSite[], url: string): CrmSite | null {
  const path = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return '';
    }
  })();
  return (
    sites.find(
      (s) => s.emailSelector && matchesPattern(s.pattern, url) && (!s.recordPath || glob(s.recordPath).test(path)),
    ) ?? null
  );
}

/** Longest address accepted (RFC 5321's path limit); the hub validates again. */
export const MAX_EMAIL_CHARS = 254;
const EMAIL_SHAPE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** The address in a text or attribute value (`mailto:` and `?subject=…` removed), lowercased; null if it is not one. */
export function emailFrom(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const value = raw
    .trim()
    .replace(/^mailto:/i, '')
    .split('?')[0]!
    .trim()
    .toLowerCase();
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  return decoded.length <= MAX_EMAIL_CHARS && EMAIL_SHAPE.test(decoded) ? decoded : null;
}

/** The record email this page shows for the site, or null (no element, or nothing like an email in it). */
export function readRecordEmail(doc: Pick<Document, 'querySelector'>, site: CrmSite): string | null {
  if (!site.emailSelector) return null;
  let element: Element | null;
  try {
    element = doc.querySelector(site.emailSelector);
  } catch {
    return null; // A selector the browser does not accept: nothing to read.
  }
  if (!element) return null;
  return emailFrom(site.emailAttribute ? element.getAttribute(site.emailAttribute) : element.textContent);
}
