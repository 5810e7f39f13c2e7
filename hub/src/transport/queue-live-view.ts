import { ANALYTICS_LIMITS, type QueueLiveFrame } from '#protocol';
import { queueLive } from '../analytics/live';
import type { StoredEvent } from '../events/log';
import type { Logger } from 'pino';
import type { Sql } from '../storage/db';

/**
 * The supervisors' live view of the queues (FEATURES H4), computed once per change for every
 * supervisor socket of this process and pushed, at most once per `liveEveryMs`, after the event
 * feed says something moved: a conversation opened, changed or went, or a rep's availability.
 * Messages change nothing here and cost nothing. Between pushes the view says when it was made; the
 * side panel counts the longest wait on from `oldestWaitingSince` by itself.
 */
export interface QueueLiveView {
  /** The view now (shared by everyone asking while it is read). */
  current(): Promise<QueueLiveFrame>;
  onEvent(e: StoredEvent): void;
  /** Called with each new view; returns the unsubscribe. */
  subscribe(listener: (frame: QueueLiveFrame) => void): () => void;
  close(): void;
}

const MOVES = new Set<StoredEvent['event']['kind']>([
  'conversation.opened',
  'conversation.updated',
  'conversation.deleted',
  'rep.status',
  'rep.chats',
]);

export function createQueueLiveView(
  db: Sql,
  now: () => number,
  log: Pick<Logger, 'error'>,
  everyMs: number = ANALYTICS_LIMITS.liveEveryMs,
): QueueLiveView {
  const listeners = new Set<(frame: QueueLiveFrame) => void>();
  let cached: Promise<QueueLiveFrame> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastPush = 0;

  const read = async (): Promise<QueueLiveFrame> => ({
    type: 'queueLive',
    at: new Date(now()).toISOString(),
    queues: await queueLive(db, now()),
  });
  function current() {
    cached ??= read();
    cached.catch(() => (cached = null));
    return cached;
  }
  function push() {
    timer = null;
    lastPush = Date.now();
    cached = null;
    current().then(
      (frame) => listeners.forEach((l) => l(frame)),
      (err) => log.error({ err }, 'queue live view failed'),
    );
  }

  return {
    current,
    onEvent(e) {
      if (!MOVES.has(e.event.kind) || listeners.size === 0 || timer) return;
      cached = null;
      timer = setTimeout(push, Math.max(0, lastPush + everyMs - Date.now()));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}
