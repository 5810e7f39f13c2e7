import type { StoredEvent } from '../../events/log';

/**
 * One rep socket's events, replayed from the log and then live, as one ordered stream.
 * Race guarded: events committed while the replay is reading the log. The stream listens before it
 * replays and holds what arrives meanwhile, so nothing falls in the gap; and it passes an event on
 * only past its cursor (the highest event id it has passed, sent or filtered out), so an event both
 * replayed and held goes out once: replay and live never overlap.
 */
export interface EventStream {
  /** The feed listener: held until the replay is done, passed on at once after. */
  live(e: StoredEvent): void;
  /** Passes on every event after `from`, page by page, then what was held; resolves with the cursor. */
  replay(from: number): Promise<number>;
}

/** `readPage(after)` reads up to `pageSize` events after that id, in id order. */
export function createEventStream(
  readPage: (after: number) => Promise<StoredEvent[]>,
  pageSize: number,
  pass: (e: StoredEvent) => void,
): EventStream {
  let cursor = 0;
  let held: StoredEvent[] | null = [];
  const next = (e: StoredEvent) => {
    if (e.event.id <= cursor) return;
    cursor = e.event.id;
    pass(e);
  };
  return {
    live: (e) => (held ? held.push(e) : next(e)),
    async replay(from) {
      cursor = from;
      for (;;) {
        const page = await readPage(cursor);
        page.forEach(next);
        if (page.length < pageSize) break;
      }
      const buffered = held ?? [];
      held = null;
      buffered.forEach(next);
      return cursor;
    },
  };
}
