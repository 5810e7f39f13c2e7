// @vitest-environment happy-dom
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRACK_LIMITS } from '#protocol/track-limits';
import { CART_EVENT, startTracking, watchCart, watchPages } from './track-pages';
import { TrackQueue } from './track-queue';

/**
 * What the loader sees of the host page: each window is a fresh happy-dom window (a real History
 * and Location, no Navigation API), so the history wrappers of one test never stack on another's.
 */
const windows: HappyWindow[] = [];
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(async () => {
  vi.useRealTimers();
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

function host(url = 'https://shop.example/', title = 'Home') {
  const happy = new HappyWindow({ url });
  windows.push(happy);
  const win = happy as unknown as Window & typeof globalThis;
  win.document.title = title;
  const queue = new TrackQueue(null, 'parley.track.demo-shop');
  return { win, queue, views: () => queue.list().map((e) => (e.kind === 'page' ? [e.url, e.title] : e)) };
}
const settle = () => vi.advanceTimersByTime(TRACK_LIMITS.settleMs);

describe('page views', () => {
  it('records the page it loads on, then each pushState navigation with the title the page set after it', () => {
    const { win, views, queue } = host();
    watchPages(queue, win);
    expect(views()).toEqual([]); // not before the page settles
    settle();
    expect(views()).toEqual([['https://shop.example/', 'Home']]);
    win.history.pushState({ id: 1 }, '', '/p/1');
    win.document.title = 'Oak lamp'; // SPA routers set the title after navigating
    settle();
    expect(views()).toEqual([
      ['https://shop.example/', 'Home'],
      ['https://shop.example/p/1', 'Oak lamp'],
    ]);
  });

  it('calls through to the host history: same this, same arguments, same return value, same exceptions', () => {
    const { win, queue, views } = host();
    const calls: unknown[][] = [];
    const original = win.history.pushState;
    win.history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      calls.push([this, ...args]);
      original.apply(this, args);
      return 'from the host' as unknown as void;
    };
    watchPages(queue, win);
    settle();
    expect(win.history.pushState({ a: 1 }, '', '/x')).toBe('from the host');
    expect(calls).toEqual([[win.history, { a: 1 }, '', '/x']]);
    expect(win.history.state).toEqual({ a: 1 });
    expect(() => win.history.replaceState(null, '', 'https://elsewhere.example/')).toThrow();
    settle();
    expect(views().map((v) => (v as string[])[0])).toEqual(['https://shop.example/', 'https://shop.example/x']);
  });

  it('makes a redirect chain (push then replace) one view, ignores a repeat, and follows back/forward and hash changes', async () => {
    const { win, queue, views } = host();
    watchPages(queue, win);
    settle();
    win.history.pushState(null, '', '/cart');
    win.history.replaceState(null, '', '/login?next=cart');
    settle();
    win.history.replaceState(null, '', '/login?next=cart'); // the same URL again
    settle();
    win.dispatchEvent(new win.PopStateEvent('popstate'));
    settle();
    const hashchange = new Promise((fired) => win.addEventListener('hashchange', fired, { once: true }));
    win.location.hash = '#reviews';
    await hashchange; // happy-dom fires it a moment later, as browsers do
    settle();
    expect(views().map((v) => (v as string[])[0])).toEqual([
      'https://shop.example/',
      'https://shop.example/login?next=cart',
      'https://shop.example/login?next=cart#reviews',
    ]);
  });

  it('uses the Navigation API where the browser has it and leaves the page history alone', () => {
    const { win, queue, views } = host();
    const navigation = new EventTarget();
    Object.defineProperty(win, 'navigation', { value: navigation });
    const pushState = win.history.pushState;
    watchPages(queue, win);
    expect(win.history.pushState).toBe(pushState);
    settle();
    win.history.pushState(null, '', '/p/2');
    navigation.dispatchEvent(new Event('currententrychange'));
    settle();
    expect(views().map((v) => (v as string[])[0])).toEqual(['https://shop.example/', 'https://shop.example/p/2']);
  });
});

describe('cart events', () => {
  it('queues the known fields of each parley:cart event with the page it happened on', () => {
    const { win, queue } = host('https://shop.example/p/1');
    watchCart(queue, win);
    win.dispatchEvent(
      new win.CustomEvent(CART_EVENT, { detail: { action: 'add', productId: 'pr_1', quantity: 2, secret: 'x' } }),
    );
    win.dispatchEvent(new win.CustomEvent(CART_EVENT, { detail: { action: 'remove', productId: { id: 1 } } }));
    win.dispatchEvent(new win.CustomEvent(CART_EVENT, { detail: 'checkout' }));
    expect(queue.list().map((e) => e.kind === 'cart' && [e.url, e.cart])).toEqual([
      ['https://shop.example/p/1', { action: 'add', productId: 'pr_1', quantity: 2, url: undefined }],
      ['https://shop.example/p/1', { action: 'remove', productId: false, quantity: undefined, url: undefined }],
      ['https://shop.example/p/1', {}],
    ]);
  });
});

describe('the script tag', () => {
  it("starts tracking into the tab's sessionStorage, per chat", () => {
    const { win } = host('https://shop.example/p/1', 'Oak lamp');
    const queue = startTracking(undefined, 'demo-shop', win);
    settle();
    win.dispatchEvent(new win.CustomEvent(CART_EVENT, { detail: { action: 'add', productId: 'pr_1' } }));
    expect(queue?.list()).toHaveLength(2);
    const saved = JSON.parse(win.sessionStorage.getItem('parley.track.demo-shop') ?? 'null');
    expect(saved.items.map((e: { kind: string; url: string }) => [e.kind, e.url])).toEqual([
      ['page', 'https://shop.example/p/1'],
      ['cart', 'https://shop.example/p/1'],
    ]);
  });

  it('data-track="off": nothing is watched, wrapped or kept', () => {
    const { win } = host();
    const pushState = win.history.pushState;
    expect(startTracking('off', 'demo-shop', win)).toBeNull();
    expect(win.history.pushState).toBe(pushState);
    win.history.pushState(null, '', '/p/1');
    win.dispatchEvent(new win.CustomEvent(CART_EVENT, { detail: { action: 'add', productId: 'pr_1' } }));
    settle();
    expect(win.sessionStorage.length).toBe(0);
  });

  it('a page that froze its history still gets the widget, and its views', () => {
    const { win } = host();
    Object.defineProperty(win.history, 'pushState', { value: win.history.pushState, writable: false });
    Object.defineProperty(win.history, 'replaceState', { value: win.history.replaceState, writable: false });
    const queue = startTracking(undefined, 'demo-shop', win);
    settle();
    expect(queue?.list().map((e) => e.url)).toEqual(['https://shop.example/']);
  });
});
