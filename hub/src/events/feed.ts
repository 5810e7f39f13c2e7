import { LIMITS } from '#protocol';
import type { Log } from '../log';
import type { Sql } from '../storage/db';
import type { Notifier } from './bus';
import { headEventId, readEvents, type StoredEvent } from './log';

/**
 * One tail of the event log per process, fanned out to its connections in id order. Appends are
 * serialised by an advisory lock held until commit, so "id > last" always reads a gap-free prefix.
 */
export interface EventFeed {
  /** Last event id delivered to subscribers. */
  readonly position: number;
  subscribe(listener: (e: StoredEvent) => void): () => void;
  /** Resolves once every event committed before the call has been delivered. */
  catchUp(): Promise<void>;
  close(): void;
}

export async function createEventFeed(db: Sql, notifier: Notifier, log: Log): Promise<EventFeed> {
  let position = await headEventId(db);
  const listeners = new Set<(e: StoredEvent) => void>();
  let running: Promise<void> | null = null;
  let again = false;

  async function drain() {
    do {
      again = false;
      for (;;) {
        const page = await readEvents(db, position, 'all', LIMITS.replayPage);
        for (const e of page) {
          position = e.event.id;
          for (const l of listeners) l(e);
        }
        if (page.length < LIMITS.replayPage) break;
      }
    } while (again);
  }

  function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((err) => log.error({ err }, 'event feed: read failed'))
      .finally(() => (running = null));
    return running;
  }

  const stop = notifier.onNotify(() => void catchUp());
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
      stop();
      listeners.clear();
    },
  };
}
