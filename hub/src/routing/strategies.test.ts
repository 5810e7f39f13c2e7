import { describe, expect, it } from 'vitest';
import { decideOffer, queueEstimate, type QueueSettings, type RepLoad, type Strategy } from './strategies';

/** A fake clock and a tiny driver: offer, let offers lapse, offer again — as the hub's timer loop will. */
function driver(strategy: Strategy, reps: RepLoad[], settings: Partial<QueueSettings> = {}) {
  const queue: QueueSettings = { strategy, ringSize: 2, offerTimeoutMs: 30_000, ...settings };
  let now = 0;
  let cursor: string | null = null;
  const tried = new Map<string, Set<string>>();
  return {
    queue,
    reps,
    /** Offer one conversation now; returns who got it. */
    offer(conversation: string) {
      const d = decideOffer(queue, reps, tried.get(conversation) ?? new Set(), cursor, now);
      cursor = d.cursor;
      return d;
    },
    /** Time passes; the offer to `repIds` lapsed unanswered. */
    lapse(conversation: string, repIds: string[], ms = queue.offerTimeoutMs) {
      now += ms;
      const set = tried.get(conversation) ?? new Set<string>();
      repIds.forEach((id) => set.add(id));
      tried.set(conversation, set);
    },
    get now() {
      return now;
    },
  };
}

const rep = (id: string, order: number, over: Partial<RepLoad> = {}): RepLoad => ({
  id,
  order,
  status: 'online',
  active: 0,
  capacity: 3,
  ...over,
});

describe('broadcast', () => {
  it('offers to every eligible rep at once and never lapses', () => {
    const d = driver('broadcast', [
      rep('a', 1),
      rep('b', 2, { status: 'invisible' }),
      rep('c', 3, { status: 'away' }),
      rep('d', 4, { active: 3 }),
      rep('e', 5),
    ]);
    expect(d.offer('c1')).toEqual({ repIds: ['a', 'e'], expiresAt: null, cursor: null });
  });
});

describe('ring the first N', () => {
  it('rings N reps, moves to the next N when the offer lapses, and starts over once all were rung', () => {
    const d = driver('ring', [rep('a', 1), rep('b', 2), rep('c', 3), rep('d', 4), rep('e', 5)], { ringSize: 2 });
    const first = d.offer('c1');
    expect(first).toMatchObject({ repIds: ['a', 'b'], expiresAt: 30_000 });
    d.lapse('c1', first.repIds);
    const second = d.offer('c1');
    expect(second).toMatchObject({ repIds: ['c', 'd'], expiresAt: 60_000 });
    d.lapse('c1', second.repIds);
    expect(d.offer('c1').repIds).toEqual(['e']);
    d.lapse('c1', ['e']);
    expect(d.offer('c1').repIds).toEqual(['a', 'b']);
  });

  it('skips reps who are away, invisible or full, in queue order', () => {
    const d = driver('ring', [rep('c', 3), rep('a', 1, { status: 'away' }), rep('b', 2, { active: 3 }), rep('d', 4)], {
      ringSize: 2,
    });
    expect(d.offer('c1').repIds).toEqual(['c', 'd']);
  });
});

describe('round robin', () => {
  it('offers successive conversations to successive reps and wraps around', () => {
    const d = driver('round_robin', [rep('a', 1), rep('b', 2), rep('c', 3)]);
    expect(['c1', 'c2', 'c3', 'c4'].map((c) => d.offer(c).repIds[0])).toEqual(['a', 'b', 'c', 'a']);
  });

  it('moves a lapsed offer to the next rep, skipping one who went away', () => {
    const reps = [rep('a', 1), rep('b', 2), rep('c', 3)];
    const d = driver('round_robin', reps);
    expect(d.offer('c1').repIds).toEqual(['a']);
    d.lapse('c1', ['a']);
    reps[1].status = 'away';
    expect(d.offer('c1')).toMatchObject({ repIds: ['c'], expiresAt: 30_000 + 30_000 });
  });
});

describe('least busy', () => {
  it('offers to the rep using the smallest share of their capacity, then fewer chats, then queue order', () => {
    const d = driver('least_busy', [
      rep('a', 1, { active: 2, capacity: 4 }),
      rep('b', 2, { active: 1, capacity: 1 }),
      rep('c', 3, { active: 1, capacity: 4 }),
      rep('d', 4, { active: 1, capacity: 4 }),
    ]);
    expect(d.offer('c1').repIds).toEqual(['c']);
  });

  it('moves on to the next least busy when the offer lapses', () => {
    const d = driver('least_busy', [
      rep('a', 1, { active: 0 }),
      rep('b', 2, { active: 1 }),
      rep('c', 3, { active: 2 }),
    ]);
    expect(d.offer('c1').repIds).toEqual(['a']);
    d.lapse('c1', ['a']);
    expect(d.offer('c1').repIds).toEqual(['b']);
  });
});

describe('a full queue', () => {
  it.each(['broadcast', 'ring', 'round_robin', 'least_busy'] as Strategy[])(
    '%s holds the conversation while nobody has room, then offers it when a rep frees up',
    (strategy) => {
      const reps = [rep('a', 1, { active: 2, capacity: 2 }), rep('b', 2, { active: 1, capacity: 1 })];
      const d = driver(strategy, reps);
      expect(d.offer('c1')).toEqual({ repIds: [], expiresAt: null, cursor: null });
      reps[0].active = 1;
      expect(d.offer('c1').repIds).toEqual(['a']);
    },
  );
});

describe('queue estimate', () => {
  it('has no estimate without history and scales the median wait by the place in the queue', () => {
    const reps = [rep('a', 1), rep('b', 2)];
    expect(queueEstimate(1, [], reps)).toEqual({ position: 1, expectedWaitMs: null });
    expect(queueEstimate(1, [10_000, 60_000, 20_000], reps)).toEqual({ position: 1, expectedWaitMs: 20_000 });
    expect(queueEstimate(6, [10_000, 60_000, 20_000], reps)).toEqual({ position: 6, expectedWaitMs: 60_000 });
  });
});
