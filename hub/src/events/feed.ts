import { LIMITS, LOG_LIMITS } from '#protocol';
import type { Log } from '../log';
import { watchFeedLag } from '../metrics/metrics';
import type { Db } from '../storage/db';
import type { Notifier } from './bus';
import { readEvents, type StoredEvent } from './log';
import { createWatermark, drawnHead, EVERY_ID, settledWatermark } from './watermark';

/**
 * One tail of the event log per process, fanned out to its connections in id order. Writers commit
 * in any order (log.ts), so the feed reads only up to the log's watermark (watermark.ts): every
 * event it passes on has every lower id already passed on or rolled back, and its position is a
 * point a client may resume after without missing anything.
 */
export interface EventFeed {
  /** The watermark reached: every event up to it has been delivered to subscribers. */
  readonly position: number;
  subscribe(listener: (e: StoredEvent) => void): () => void;
  /**
   * Delivers what the log holds up to its watermark; while a writer older than the look is open,
   * looks again at the next wake-up or after LOG_LIMITS.feedRecheckMs (a rollback sends none).
   */
  catchUp(): Promise<void>;
  close(): void;
}

export async function createEventFeed(db: Db, notifier: Notifier, log: Log): Promise<EventFeed> {
  const serial = db.kind === 'pglite';
  let position = await settledWatermark(db, LOG_LIMITS.feedRecheckMs, serial);
  const watermark = createWatermark(db, position, serial);
  const listeners = new Set<(e: StoredEvent) => void>();
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let wake: (() => void) | null = null;
  const nap = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake?.(), LOG_LIMITS.feedRecheckMs);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  async function drain() {
    do {
      again = false;
      const { safe, pending } = await watermark.advance();
      for (;;) {
        const page = await readEvents(db, position, safe, 'all', LIMITS.replayPage);
        for (const e of page) {
          position = e.event.id;
          for (const l of listeners) l(e);
        }
        if (page.length < LIMITS.replayPage) break;
      }
      // Ids up to the watermark that were not read were rolled back: never to come. (Unbounded on
      // a serial database: there the position is simply the last id read.)
      if (safe !== EVERY_ID) position = Math.max(position, safe);
      // A writer older than this look is still open and may send no wake-up (it may roll back).
      if (pending && !closed) {
        await nap();
        again = true;
      }
    } while (again && !closed);
  }

  function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      // After close the database may be closing too: a read cut short then is no fault.
      .catch((err) => {
        if (!closed) log.error({ err }, 'event feed: read failed');
      })
      .finally(() => (running = null));
    return running;
  }

  const stop = notifier.onNotify(() => (wake ? wake() : void catchUp()));
  const unwatch = watchFeedLag(async () => Math.max(0, (await drawnHead(db)) - position));
  return {
    get position() {
      return position;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    catchUp,
    close: () => {
      closed = true;
      wake?.();
      stop();
      unwatch();
      listeners.clear();
    },
  };
}
