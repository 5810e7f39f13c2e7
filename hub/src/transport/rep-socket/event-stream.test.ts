import { describe, expect, it } from 'vitest';
import type { HubEvent } from '#protocol';
import type { StoredEvent } from '../../events/log';
import { createEventStream } from './event-stream';

const ev = (id: number): StoredEvent => ({
  event: { id, kind: 'message.created' } as unknown as HubEvent,
  conversationId: null,
  visitorId: null,
  audience: null,
});
const ids = (events: StoredEvent[]) => events.map((e) => e.event.id);

/** A log of events 1..last, read in pages as readEvents does: ids after `after`, in order. */
function logOf(last: number, pageSize: number) {
  const reads: number[] = [];
  return {
    reads,
    read: async (after: number) => {
      reads.push(after);
      return Array.from({ length: Math.max(0, Math.min(pageSize, last - after)) }, (_, i) => ev(after + i + 1));
    },
  };
}

describe('a rep socket’s event stream', () => {
  it('replays the log page by page from the given id, then says where it stopped', async () => {
    const log = logOf(7, 3);
    const passed: StoredEvent[] = [];
    const stream = createEventStream(log.read, 3, (e) => passed.push(e));
    expect(await stream.replay(1)).toBe(7);
    expect(ids(passed)).toEqual([2, 3, 4, 5, 6, 7]);
    // A full page means there may be more: read on until a short one.
    expect(log.reads).toEqual([1, 4, 7]);
  });

  it('holds live events until the replay is done, and passes those the replay already passed only once', async () => {
    const passed: StoredEvent[] = [];
    let last = 4;
    const stream = createEventStream(
      async (after) => {
        // Events 5 and 6 commit while the first page is being read: the feed hears of them, and the
        // second page reads 5 from the log as well.
        if (after === 0) {
          last = 6;
          stream.live(ev(5));
          stream.live(ev(6));
          expect(passed).toEqual([]);
          return [ev(1), ev(2), ev(3)];
        }
        return Array.from({ length: Math.min(3, last - after) }, (_, i) => ev(after + i + 1));
      },
      3,
      (e) => passed.push(e),
    );
    stream.live(ev(4)); // committed after the stream listened, before the replay began
    expect(passed).toEqual([]);
    expect(await stream.replay(0)).toBe(6);
    expect(ids(passed)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('passes live events at once after the replay, never one at or before its cursor', async () => {
    const passed: StoredEvent[] = [];
    const stream = createEventStream(logOf(3, 10).read, 10, (e) => passed.push(e));
    expect(await stream.replay(0)).toBe(3);
    stream.live(ev(3));
    stream.live(ev(4));
    stream.live(ev(2));
    stream.live(ev(5));
    expect(ids(passed)).toEqual([1, 2, 3, 4, 5]);
  });
});
