import { describe, expect, it } from 'vitest';
import { TRACK_LIMITS } from '#protocol/track-limits';
import { MemoryStorage } from './storage';
import { TrackQueue } from './track-queue';

/** The loader's page-tracking queue: one view per page in a row, bounded, and kept across page loads of the tab. */
const KEY = 'parley.track.demo-shop';
const T0 = Date.parse('2026-11-22T10:00:00Z');

describe('track queue', () => {
  it('counts the same page twice in a row as one view, but again after a new page or a new visit', () => {
    const q = new TrackQueue(new MemoryStorage(), KEY);
    q.page('https://shop.example/a', 'A', T0);
    q.page('https://shop.example/a', 'A', T0 + 1000); // a reload
    q.page('https://shop.example/b', 'B', T0 + 2000);
    q.page('https://shop.example/a', 'A', T0 + 3000);
    q.page('https://shop.example/a', 'A', T0 + 3000 + TRACK_LIMITS.repeatViewAfterMs); // back after a long break
    expect(q.list().map((e) => [e.url, e.at - T0])).toEqual([
      ['https://shop.example/a', 0],
      ['https://shop.example/b', 2000],
      ['https://shop.example/a', 3000],
      ['https://shop.example/a', 3000 + TRACK_LIMITS.repeatViewAfterMs],
    ]);
  });

  it('survives a full page load of the same tab, and starts empty from unreadable storage', () => {
    const storage = new MemoryStorage();
    const first = new TrackQueue(storage, KEY);
    first.page('https://shop.example/a', 'A', T0);
    first.cart({ action: 'add', productId: 'pr_1' }, 'https://shop.example/a', T0 + 10);
    const next = new TrackQueue(storage, KEY);
    expect(next.list()).toEqual(first.list());
    next.page('https://shop.example/a', 'A', T0 + 20); // the same page reloaded: no second view
    expect(next.list()).toHaveLength(2);

    storage.setItem(KEY, '{not json');
    expect(new TrackQueue(storage, KEY).list()).toEqual([]);
  });

  it('keeps at most TRACK_LIMITS.queueEntries, dropping the oldest page views before any cart change', () => {
    const q = new TrackQueue(new MemoryStorage(), KEY);
    q.cart({ action: 'add', productId: 'pr_1' }, 'https://shop.example/p/1', T0);
    for (let i = 0; i < TRACK_LIMITS.queueEntries + 5; i++) q.page(`https://shop.example/p/${i}`, '', T0 + i + 1);
    const items = q.list();
    expect(items).toHaveLength(TRACK_LIMITS.queueEntries);
    expect(items[0]).toMatchObject({ kind: 'cart' });
    expect(items[1]).toMatchObject({ url: 'https://shop.example/p/6' });
    expect(items.at(-1)).toMatchObject({ url: `https://shop.example/p/${TRACK_LIMITS.queueEntries + 4}` });
  });

  it('forgets entries older than TRACK_LIMITS.maxAgeMs when a new one comes', () => {
    const q = new TrackQueue(new MemoryStorage(), KEY);
    q.page('https://shop.example/old', '', T0);
    q.page('https://shop.example/new', '', T0 + TRACK_LIMITS.maxAgeMs + 1);
    expect(q.list().map((e) => e.url)).toEqual(['https://shop.example/new']);
  });

  it('tells its listener about each new entry, and works without storage', () => {
    const q = new TrackQueue(null, KEY);
    let told = 0;
    q.onAdd = () => told++;
    q.page('https://shop.example/a', '', T0);
    q.page('https://shop.example/a', '', T0 + 1);
    q.cart({}, 'https://shop.example/a', T0 + 2);
    expect(told).toBe(2);
    expect(q.list()).toHaveLength(2);
  });
});
