/**
 * A page's address as Parley keeps it (issue 14): origin and path only, without the query string and
 * fragment — where sites put search terms, order and reset tokens, emails — unless the chat opted in
 * (`trackQuery`). Used by the widget before it sends a page (tracking and the page a message was
 * written on) and by the hub before it stores one, so a widget that does not strip changes nothing.
 * No imports: the widget bundles this file.
 */
export function pageAddress(url: string, keepQuery: boolean): string {
  if (keepQuery) return url;
  try {
    const u = new URL(url);
    return u.origin === 'null' ? url : `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}
