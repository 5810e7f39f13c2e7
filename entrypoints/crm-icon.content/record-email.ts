import { readRecordEmail, siteForPage, matchesPattern, type CrmSite } from '#utils/crm-site-match';

/** At most one look at the page per this many ms, however busy its DOM is. */
export const RECORD_CHECK_MS = 400;

export interface RecordEmailDeps {
  /** The rep's CRM sites as stored by the options page, read again when they change. */
  loadSites(): Promise<CrmSite[]>;
  onSitesChanged(listener: () => void): void;
  /** Called with the record email (or null) and the page's address whenever either changes. */
  report(email: string | null, url: string): void;
  doc: Document;
  location: () => string;
}

/**
 * Follows the record email a CRM page shows (FEATURES E12), through single-page-app navigation and
 * re-renders: a MutationObserver marks the page dirty and one check runs per RECORD_CHECK_MS.
 * Pages of no configured site are not observed at all.
 */
export function watchRecordEmail(deps: RecordEmailDeps): { check(): void; stop(): void } {
  let sites: CrmSite[] = [];
  let last: { email: string | null; url: string } = { email: null, url: '' };
  let reported = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let observer: MutationObserver | null = null;

  const check = () => {
    timer = null;
    const url = deps.location();
    const site = siteForPage(sites, url);
    const email = site ? readRecordEmail(deps.doc, site) : null;
    // Nothing found and nothing said before: no need to tell the worker about every page.
    if ((!reported && email === null) || (email === last.email && url === last.url)) return;
    last = { email, url };
    reported = true;
    deps.report(email, url);
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(check, RECORD_CHECK_MS);
  };
  const observe = () => {
    observer?.disconnect();
    observer = null;
    const url = deps.location();
    const relevant = sites.filter((s) => s.emailSelector && matchesPattern(s.pattern, url));
    if (relevant.length === 0) return;
    const attributes = relevant.flatMap((s) => (s.emailAttribute ? [s.emailAttribute] : []));
    observer = new MutationObserver(schedule);
    observer.observe(deps.doc.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
      ...(attributes.length ? { attributes: true, attributeFilter: attributes } : {}),
    });
  };
  const load = async () => {
    sites = await deps.loadSites();
    observe();
    check();
  };
  deps.onSitesChanged(() => void load());
  void load();
  return {
    check,
    stop() {
      observer?.disconnect();
      if (timer !== null) clearTimeout(timer);
    },
  };
}
