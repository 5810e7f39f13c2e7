import { TRACK_LIMITS } from '#protocol/track-limits';

/**
 * Page tracking's queue (FEATURES G1), filled by the loader from the first page view on and emptied by
 * the body once its socket is up. Kept in the tab's sessionStorage, so the views of a visitor who
 * browses several pages before opening the chat are not lost between full page loads, yet never
 * outlive the tab nor leave the browser unless the widget connects. Bounded: TRACK_LIMITS.queueEntries,
 * the oldest page view dropped first, and nothing older than TRACK_LIMITS.maxAgeMs. No validation
 * here (the loader carries no zod): the body checks each entry against the protocol when it sends it.
 */

/** What the host page said about a cart change (`parley:cart`), as given; checked by the body. */
export interface CartDetail {
  action?: unknown;
  productId?: unknown;
  quantity?: unknown;
  url?: unknown;
  /** With `checkout`: the shop's order id (issue 20). */
  orderId?: unknown;
}

export type TrackEntry =
  | { kind: 'page'; at: number; url: string; title: string }
  | { kind: 'cart'; at: number; url: string; cart: CartDetail };

interface Saved {
  items: TrackEntry[];
  /** The last page view recorded, so a reload of the same page is no second view. */
  last: { url: string; at: number } | null;
}

export class TrackQueue {
  private items: TrackEntry[] = [];
  private last: Saved['last'] = null;
  /** Called after each new entry (the body sends at once when it can). */
  onAdd: (() => void) | null = null;

  constructor(
    private readonly store: Storage | null,
    private readonly key: string,
  ) {
    try {
      const saved = JSON.parse(store?.getItem(key) ?? 'null') as Saved | null;
      if (saved && Array.isArray(saved.items)) {
        this.items = saved.items;
        this.last = saved.last ?? null;
      }
    } catch {
      /* unreadable: start empty */
    }
  }

  /** The unsent entries, oldest first. */
  list(): TrackEntry[] {
    return this.items.slice();
  }

  /** A page view, unless it repeats the last one (same URL, same visit). */
  page(url: string, title: string, now: number): void {
    if (this.last && this.last.url === url && now - this.last.at < TRACK_LIMITS.repeatViewAfterMs) return;
    this.last = { url, at: now };
    this.add({ kind: 'page', at: now, url, title });
  }

  cart(detail: CartDetail, url: string, now: number): void {
    this.add({ kind: 'cart', at: now, url, cart: detail });
  }

  /** Replaces the unsent entries (the body, after sending or dropping some). */
  set(items: TrackEntry[]): void {
    this.items = items;
    this.save();
  }

  private add(entry: TrackEntry): void {
    const items = this.items.filter((e) => entry.at - e.at <= TRACK_LIMITS.maxAgeMs);
    items.push(entry);
    while (items.length > TRACK_LIMITS.queueEntries) {
      const oldestPage = items.findIndex((e) => e.kind === 'page');
      items.splice(oldestPage >= 0 ? oldestPage : 0, 1);
    }
    this.set(items);
    this.onAdd?.();
  }

  private save(): void {
    try {
      this.store?.setItem(this.key, JSON.stringify({ items: this.items, last: this.last } satisfies Saved));
    } catch {
      /* full, blocked, or a detail that does not serialise: kept in memory for this page */
    }
  }
}
