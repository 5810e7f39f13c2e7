/**
 * The page icon acts only on what the rep did (issue 14): the CRM page's own scripts can dispatch
 * clicks and keys at the icon (`button.click()`, `dispatchEvent`), and those events are untrusted.
 * Without this a page could open the side panel or change the rep's availability by itself.
 */
export function onlyTrusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
