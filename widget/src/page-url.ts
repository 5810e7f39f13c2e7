// What outgoing frames say about where they come from: the page's address as the hub accepts it, and client ids.
import { VisitorPageUrl } from '#protocol/visitor';
import { pageAddress } from '#protocol/page-address';

/** The page the visitor is on, as the hub accepts it (a URL of at most LIMITS.urlChars), without its query string unless the chat keeps them (issue 14). */
export function pageUrl(hubOrigin: string, keepQuery: boolean): string {
  for (const candidate of [
    pageAddress(location.href, keepQuery),
    location.origin + location.pathname,
    location.origin,
    hubOrigin,
  ]) {
    if (VisitorPageUrl.safeParse(candidate).success) return candidate;
  }
  return hubOrigin;
}

/** A client id the hub accepts (8–64 of letters, digits, _ and -). */
export function randomClientId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
