import * as z from 'zod';
import { storage } from 'wxt/utils/storage';
import { CRM_SITES_KEY, type CrmSite } from './crm-site-match';
import { recordUrl } from './crm-links';

export type { CrmSite } from './crm-site-match';

/**
 * The rep's CRM sites (FEATURES E8, E12), kept in this browser: per granted site, where a record page
 * shows the record's email and the "Open in CRM" URL template. Written only by the options page,
 * through `parseCrmSite`; read by the content script (raw), the side panel and the card.
 */
export const CRM_SITE_LIMITS = {
  /** Sites one browser keeps. */
  sites: 30,
  nameChars: 60,
  patternChars: 300,
  recordPathChars: 200,
  selectorChars: 300,
  attributeChars: 60,
  templateChars: 1000,
} as const;

export const crmSitesItem = storage.defineItem<CrmSite[]>(`local:${CRM_SITES_KEY}`, { fallback: [] });

const SAMPLE_RECORD = { id: 'c1', email: 'a@b.test', name: 'A B', phone: '+1 555 0100' };

/** A selector the browser accepts (checked against an empty fragment, so nothing on the page runs). */
function isSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s || null)
    .nullable();

export const CrmSiteInput = z.object({
  name: z.string().trim().min(1, 'name').max(CRM_SITE_LIMITS.nameChars),
  pattern: z
    .string()
    .trim()
    .max(CRM_SITE_LIMITS.patternChars)
    .regex(/^(\*|https?):\/\/(\*|(\*\.)?[^/*]+)\/.*$/, 'pattern'),
  recordPath: optional(CRM_SITE_LIMITS.recordPathChars).refine((p) => p === null || p.startsWith('/'), 'recordPath'),
  emailSelector: optional(CRM_SITE_LIMITS.selectorChars).refine((s) => s === null || isSelector(s), 'emailSelector'),
  emailAttribute: optional(CRM_SITE_LIMITS.attributeChars).refine(
    (a) => a === null || /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(a),
    'emailAttribute',
  ),
  recordUrlTemplate: optional(CRM_SITE_LIMITS.templateChars).refine(
    (t) => t === null || recordUrl(t, SAMPLE_RECORD) !== null,
    'recordUrlTemplate',
  ),
});
export type CrmSiteInput = z.input<typeof CrmSiteInput>;
export type CrmSiteField = keyof CrmSiteInput;

/** The site as typed, checked; or the fields that are wrong (the refinement messages name them). */
export function parseCrmSite(
  input: CrmSiteInput,
  id: string,
): { ok: true; site: CrmSite } | { ok: false; fields: CrmSiteField[] } {
  const parsed = CrmSiteInput.safeParse(input);
  if (!parsed.success)
    return { ok: false, fields: [...new Set(parsed.error.issues.map((i) => i.path[0] as CrmSiteField))] };
  return { ok: true, site: { id, ...parsed.data } };
}

/** Adds or replaces (same id) a checked site; refuses past the limit. */
export async function saveCrmSite(site: CrmSite): Promise<boolean> {
  const sites = await crmSitesItem.getValue();
  const others = sites.filter((s) => s.id !== site.id);
  if (others.length >= CRM_SITE_LIMITS.sites) return false;
  await crmSitesItem.setValue([...others, site]);
  return true;
}

export async function removeCrmSite(id: string): Promise<void> {
  await crmSitesItem.setValue((await crmSitesItem.getValue()).filter((s) => s.id !== id));
}

/**
 * Where to look on a record page when the rep does not know the page's markup: the first e-mail
 * link. Most CRMs render a record's email as a mailto: link; a site-specific selector is better.
 */
export const MAILTO_SELECTOR = { emailSelector: 'a[href^="mailto:"]', emailAttribute: 'href' } as const;

/** The match pattern for a URL's origin, e.g. to file an "Open in CRM" template under its site. */
export function patternOf(url: string): string | null {
  try {
    const u = new URL(url.replace(/\{[a-z]+\}/g, 'x'));
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}

/** Before CRM sites, "Open in CRM" templates were kept alone under this key. */
const legacyRecordLinksItem = storage.defineItem<{ name: string; template: string }[] | null>('local:crmRecordLinks', {
  fallback: null,
});

/** Files each old template under the site its URL points at, once, then drops the old list. */
export async function importLegacyRecordLinks(newId: () => string = () => crypto.randomUUID()): Promise<void> {
  const legacy = await legacyRecordLinksItem.getValue();
  if (!legacy) return;
  const sites = await crmSitesItem.getValue();
  const imported = legacy.flatMap((link): CrmSite[] => {
    const pattern = patternOf(link.template);
    return pattern
      ? [
          {
            id: newId(),
            name: link.name,
            pattern,
            recordPath: null,
            emailSelector: null,
            emailAttribute: null,
            recordUrlTemplate: link.template,
          },
        ]
      : [];
  });
  await crmSitesItem.setValue([...sites, ...imported].slice(0, CRM_SITE_LIMITS.sites));
  await legacyRecordLinksItem.removeValue();
}
