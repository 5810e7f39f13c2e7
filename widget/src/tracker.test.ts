import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '#protocol/limits';
import { TRACK_LIMITS } from '#protocol/track-limits';
import { VisitorClientFrame, type TrackFrame } from '#protocol/visitor';
import { MemoryStorage } from './storage';
import { Tracker, toFrame } from './tracker';
import { TrackQueue, type TrackEntry } from './track-queue';

/** The body's tracking sender: protocol-checked frames, the rate kept under the hub's, nothing lost while offline. */
const T0 = Date.parse('2026-11-22T10:00:00Z');
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  warn.mockRestore();
});

const page = (url: string, at = T0, title = ''): TrackEntry => ({ kind: 'page', at, url, title });
const cart = (detail: Record<string, unknown>, at = T0): TrackEntry => ({
  kind: 'cart',
  at,
  url: 'https://shop.example/p/1',
  cart: detail,
});

describe('track frames', () => {
  it('a page view carries its title and, when it waited in the queue, its age', () => {
    expect(toFrame(page('https://shop.example/a', T0, '  Oak lamp '), T0)).toEqual({
      type: 'track',
      event: 'page_view',
      url: 'https://shop.example/a',
      title: 'Oak lamp',
    });
    expect(toFrame(page('https://shop.example/a', T0 - 4000), T0)).toEqual({
      type: 'track',
      event: 'page_view',
      url: 'https://shop.example/a',
      ageMs: 4000,
    });
    // Too long a URL loses its query rather than the view; too old or no URL at all: dropped.
    const long = `https://shop.example/search?q=${'x'.repeat(LIMITS.urlChars)}`;
    expect(toFrame(page(long), T0)).toMatchObject({ url: 'https://shop.example/search' });
    expect(toFrame(page('https://shop.example/a', T0 - TRACK_LIMITS.maxAgeMs - 1), T0)).toBeNull();
    expect(toFrame(page('not a url'), T0)).toBeNull();
    expect(toFrame({ nonsense: true } as unknown as TrackEntry, T0)).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });

  it('pages leave without query string and fragment unless the chat keeps them (issue 14)', () => {
    const searched = 'https://shop.example/search?q=ana%40example.test&token=s3cret#top';
    expect(toFrame(page(searched), T0)).toMatchObject({ url: 'https://shop.example/search' });
    expect(toFrame(page(searched), T0, true)).toMatchObject({ url: searched });
    const fromCart = { kind: 'cart', at: T0, url: searched, cart: { action: 'add', productId: 'pr_1' } } as TrackEntry;
    expect(toFrame(fromCart, T0)).toMatchObject({ url: 'https://shop.example/search' });
    expect(toFrame(cart({ action: 'remove', url: 'https://shop.example/p/9?ref=mail' }), T0)).toMatchObject({
      url: 'https://shop.example/p/9',
    });
  });

  it('cart changes become the protocol events; bad host input is dropped with a warning', () => {
    expect(toFrame(cart({ action: 'add', productId: 'pr_1', quantity: 2 }), T0)).toEqual({
      type: 'track',
      event: 'cart_add',
      url: 'https://shop.example/p/1',
      productId: 'pr_1',
      quantity: 2,
    });
    expect(toFrame(cart({ action: 'remove', url: 'https://shop.example/p/9' }), T0)).toEqual({
      type: 'track',
      event: 'cart_remove',
      url: 'https://shop.example/p/9',
    });
    expect(toFrame(cart({ action: 'checkout' }), T0)).toEqual({
      type: 'track',
      event: 'checkout',
      url: 'https://shop.example/p/1',
    });
    // The shop's order id rides with a checkout only (issue 20); a number is the same id as text.
    expect(toFrame(cart({ action: 'checkout', orderId: 1042 }), T0)).toEqual({
      type: 'track',
      event: 'checkout',
      url: 'https://shop.example/p/1',
      orderId: '1042',
    });
    expect(toFrame(cart({ action: 'add', productId: 'pr_1', orderId: 'A-1' }), T0)).not.toHaveProperty('orderId');
    for (const bad of [
      {},
      { action: 'buy' },
      { action: 'toString' },
      { action: 'add', quantity: 0 },
      { action: 'add', quantity: 1.5 },
      { action: 'add', productId: '' },
      { action: 'add', productId: false },
      { action: 'add', url: 'not a url' },
    ]) {
      expect(toFrame(cart(bad), T0)).toBeNull();
    }
    expect(warn).toHaveBeenCalledTimes(8);
    expect(String(warn.mock.calls[0][0])).toContain('parley:cart');
  });
});

describe('tracker', () => {
  function setup(online = true) {
    const queue = new TrackQueue(new MemoryStorage(), 'parley.track.demo-shop');
    const sent: TrackFrame[] = [];
    const state = { online };
    const tracker = new Tracker(queue, (f) => {
      if (!state.online) return false;
      // Whatever goes out is a frame the hub's own parser accepts.
      expect(VisitorClientFrame.safeParse(f).success).toBe(true);
      sent.push(f as TrackFrame);
      return true;
    });
    tracker.configure(false); // the hub's features: pages without query strings
    return { queue, sent, state, tracker };
  }

  it('keeps views while offline and sends them, oldest first with their age, once online', () => {
    const { queue, sent, state, tracker } = setup(false);
    queue.page('https://shop.example/a', 'A', Date.now());
    vi.advanceTimersByTime(5000);
    queue.page('https://shop.example/b', 'B', Date.now());
    expect(sent).toEqual([]);
    expect(queue.list()).toHaveLength(2);
    state.online = true;
    tracker.flush();
    expect(sent.map((f) => [f.url, f.ageMs])).toEqual([
      ['https://shop.example/a', 5000],
      ['https://shop.example/b', undefined],
    ]);
    expect(queue.list()).toEqual([]);
    queue.page('https://shop.example/c', 'C', Date.now()); // online: goes at once
    expect(sent).toHaveLength(3);
  });

  it('never sends more than TRACK_LIMITS.widgetPerMinute a rolling minute; the rest follow as slots free up', () => {
    const { queue, sent } = setup();
    const total = TRACK_LIMITS.widgetPerMinute + 10;
    for (let i = 0; i < total; i++) queue.page(`https://shop.example/p/${i}`, '', Date.now());
    expect(sent).toHaveLength(TRACK_LIMITS.widgetPerMinute);
    expect(queue.list()).toHaveLength(10);
    vi.advanceTimersByTime(59_000);
    expect(sent).toHaveLength(TRACK_LIMITS.widgetPerMinute);
    vi.advanceTimersByTime(2_000);
    expect(sent.map((f) => f.url)).toEqual(Array.from({ length: total }, (_, i) => `https://shop.example/p/${i}`));
    expect(queue.list()).toEqual([]);
  });

  it('drops a bad cart change and sends the good ones around it', () => {
    const { queue, sent } = setup();
    queue.cart({ action: 'add', productId: 'pr_1' }, 'https://shop.example/p/1', Date.now());
    queue.cart({ action: 'add', quantity: -3 }, 'https://shop.example/p/1', Date.now());
    queue.cart({ action: 'checkout' }, 'https://shop.example/cart', Date.now());
    expect(sent.map((f) => f.event)).toEqual(['cart_add', 'checkout']);
    expect(queue.list()).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
