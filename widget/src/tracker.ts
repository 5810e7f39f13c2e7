import { TRACK_LIMITS } from '#protocol/track-limits';
import { TrackFrame, VisitorPageUrl, type VisitorClientFrame } from '#protocol/visitor';
import { LIMITS } from '#protocol/limits';
import { pageAddress } from '#protocol/page-address';
import type { TrackEntry, TrackQueue } from './track-queue';

/**
 * Page tracking's sender (FEATURES G1), in the body: takes what the loader queued, turns each entry into
 * a `track` frame checked against the protocol, and sends it while the socket is up — at most
 * TRACK_LIMITS.widgetPerMinute a rolling minute, so the hub's per-minute limit is never reached;
 * the rest waits in the queue for the next free slot. A cart change the protocol refuses is dropped
 * with a console warning for the host page's developer; nothing bad reaches the hub. Nothing goes
 * before the hub has said (`features`) whether the chat keeps query strings and fragments: until it
 * opts in, pages leave the browser as origin and path only (issue 14).
 */
const MINUTE = 60_000;

export class Tracker {
  /** When each frame of the last minute went out. */
  private sentAt: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The chat's `trackQuery`; null until the hub's `features` said it. */
  private keepQuery: boolean | null = null;

  constructor(
    private readonly queue: TrackQueue,
    private readonly send: (frame: VisitorClientFrame) => boolean,
    private readonly now: () => number = Date.now,
  ) {
    queue.onAdd = () => this.flush();
  }

  /** The hub's `features` arrived: whether pages keep their query string; sends what waited. */
  configure(keepQuery: boolean): void {
    this.keepQuery = keepQuery;
    this.flush();
  }

  /** Sends what may go now (once configured); call when the socket comes up. Invalid or stale entries are dropped. */
  flush(): void {
    if (this.keepQuery === null) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    this.sentAt = this.sentAt.filter((t) => now - t < MINUTE);
    const keep: TrackEntry[] = [];
    let blocked = false;
    for (const entry of this.queue.list()) {
      const frame = toFrame(entry, now, this.keepQuery);
      if (!frame) continue;
      if (!blocked && this.sentAt.length >= TRACK_LIMITS.widgetPerMinute) {
        blocked = true;
        // The oldest send leaves the window then: a slot is free again.
        this.timer = setTimeout(() => this.flush(), this.sentAt[0] + MINUTE - now + 50);
      }
      if (!blocked && this.send(frame)) this.sentAt.push(now);
      else {
        blocked = true; // offline: the next welcome flushes again
        keep.push(entry);
      }
    }
    this.queue.set(keep);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.onAdd = null;
  }
}

/** One queued entry as a valid `track` frame, or null (warned about when it is the host's cart input); pages without query unless `keepQuery`. */
export function toFrame(entry: TrackEntry, now: number, keepQuery = false): TrackFrame | null {
  if (!entry || typeof entry !== 'object' || typeof entry.at !== 'number') return null;
  const ageMs = Math.max(0, Math.round(now - entry.at));
  if (ageMs > TRACK_LIMITS.maxAgeMs) return null;
  const pageUrl = (href: unknown) => {
    const url = validUrl(href);
    return url && pageAddress(url, keepQuery);
  };
  if (entry.kind === 'page') {
    const url = pageUrl(entry.url);
    if (!url) return null;
    const title = typeof entry.title === 'string' ? entry.title.trim().slice(0, LIMITS.nameChars * 2) : '';
    return checked({
      type: 'track',
      event: 'page_view',
      url,
      ...(title ? { title } : {}),
      ...(ageMs ? { ageMs } : {}),
    });
  }
  if (entry.kind !== 'cart') return null;
  const { action, productId, quantity, url, orderId } = entry.cart ?? {};
  const event =
    action === 'add' ? 'cart_add' : action === 'remove' ? 'cart_remove' : action === 'checkout' ? 'checkout' : null;
  const frame = event && {
    type: 'track',
    event,
    url: typeof url === 'string' ? pageAddress(url, keepQuery) : url == null ? pageUrl(entry.url) : url,
    ...(productId !== undefined ? { productId } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(event === 'checkout' && orderId !== undefined
      ? { orderId: typeof orderId === 'number' ? String(orderId) : orderId }
      : {}),
    ...(ageMs ? { ageMs } : {}),
  };
  const parsed = frame ? checked(frame) : null;
  if (!parsed)
    console.warn(
      `[parley] ignored a parley:cart event: expected { action: 'add' | 'remove' | 'checkout', productId?: string, quantity?: 1…, url?: string, orderId?: string (checkout) }, got`,
      entry.cart,
    );
  return parsed;
}

function checked(frame: unknown): TrackFrame | null {
  const result = TrackFrame.safeParse(frame);
  return result.success ? result.data : null;
}

/** The page's URL as the hub accepts it: whole, or without query and fragment when too long. */
function validUrl(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  let short: string;
  try {
    const u = new URL(href);
    short = u.origin + u.pathname;
  } catch {
    return null;
  }
  for (const candidate of [href, short]) if (VisitorPageUrl.safeParse(candidate).success) return candidate;
  return null;
}
