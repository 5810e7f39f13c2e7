/**
 * Page tracking (FEATURES G1, E2), the widget's side of it. The hub's own limit is
 * CRM_LIMITS.trackPerMinute; these are what the widget keeps to so it never reaches it. Plain
 * numbers, no imports: the widget's loader bundles this file and must stay tiny.
 */
export const TRACK_LIMITS = {
  /** Unsent page views and cart changes one browser tab keeps (sessionStorage); past it the oldest page view goes first. */
  queueEntries: 50,
  /** A queued entry older than this is dropped unsent; the hub refuses an older `ageMs`. */
  maxAgeMs: 24 * 3_600_000,
  /** A navigation is recorded this long after it starts, so the page has set its title and redirects have landed. */
  settleMs: 300,
  /** The same page again after this long is a view of a new visit, not a repeat (the hub's visit gap). */
  repeatViewAfterMs: 30 * 60_000,
  /** Tracking frames one widget sends per rolling minute: half the hub's limit, so jitter never reaches it. */
  widgetPerMinute: 30,
  /** Characters in the order id a checkout reports (issue 20). */
  orderIdChars: 200,
} as const;
