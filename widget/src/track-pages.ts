import { TRACK_LIMITS } from '#protocol/track-limits';
import { TrackQueue, type CartDetail } from './track-queue';

/**
 * What the loader watches of the host page for page tracking (FEATURES G1): the page it is on, each
 * navigation after that, and the cart changes the page announces. Runs from the first page view,
 * before (and whether or not) the widget's body is loaded; everything goes into the queue.
 */

/** The host page's cart API: `window.dispatchEvent(new CustomEvent(CART_EVENT, { detail }))`. */
export const CART_EVENT = 'parley:cart';

/**
 * Starts page and cart tracking for a chat, unless the site switched it off on the script tag
 * (`data-track="off"`, e.g. until its visitor consents): then nothing is watched and null is returned.
 */
export function startTracking(setting: string | undefined, chatKey: string, win: Window = window): TrackQueue | null {
  if (setting === 'off') return null;
  let store: Storage | null = null;
  try {
    store = win.sessionStorage;
  } catch {
    /* sandboxed or blocked storage: the queue lives for this page only */
  }
  const queue = new TrackQueue(store, `parley.track.${chatKey}`);
  watchPages(queue, win);
  watchCart(queue, win);
  return queue;
}

/**
 * Records a page view now and after every navigation: full loads (this runs once per load),
 * same-document navigations through the Navigation API where the browser has it, else through
 * wrappers of history.pushState / replaceState plus popstate and hashchange. A navigation is read
 * TRACK_LIMITS.settleMs after it starts, so SPA titles are set and redirect chains are one view.
 */
export function watchPages(queue: TrackQueue, win: Window = window): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      queue.page(win.location.href, win.document.title, Date.now());
    }, TRACK_LIMITS.settleMs);
  };
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') {
    // Fires for pushState, replaceState, back/forward and fragment changes; the page's history stays untouched.
    navigation.addEventListener('currententrychange', changed);
  } else {
    const history = win.history;
    for (const name of ['pushState', 'replaceState'] as const) {
      const original = history[name];
      // Calls through with the page's own `this` and arguments and returns what it returns; a
      // throwing call (bad URL, cross-origin) throws as before and records nothing.
      try {
        history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
          const result = original.apply(this, args);
          changed();
          return result;
        };
      } catch {
        /* a page that froze its history: full loads, back/forward and hash changes are still seen */
      }
    }
    win.addEventListener('popstate', changed);
    win.addEventListener('hashchange', changed);
  }
  changed();
}

/**
 * Queues each `parley:cart` event's detail as given, its known fields only; the body checks them.
 * A value that is no string or number becomes `false`, which the body refuses (and which, unlike an
 * object, always survives the trip through sessionStorage).
 */
export function watchCart(queue: TrackQueue, win: Window = window): void {
  const plain = (v: unknown) =>
    v === undefined || v === null || typeof v === 'string' || typeof v === 'number' ? v : false;
  win.addEventListener(CART_EVENT, (e) => {
    const d = (e as CustomEvent<CartDetail | null>).detail;
    const detail: CartDetail =
      d && typeof d === 'object'
        ? {
            action: plain(d.action),
            productId: plain(d.productId),
            quantity: plain(d.quantity),
            url: plain(d.url),
            orderId: plain(d.orderId),
          }
        : {};
    queue.cart(detail, win.location.href, Date.now());
  });
}
