import type { Availability } from '#protocol';

/**
 * The routing engine's decisions, as pure functions of the queue's settings, the reps' state and a
 * clock: who is offered a conversation next, when the offer lapses, and who waits. The hub applies
 * these inside a transaction; keeping them pure lets tests drive every strategy with a fake clock.
 */

export type Strategy = 'broadcast' | 'ring' | 'round_robin' | 'least_busy';

export interface QueueSettings {
  strategy: Strategy;
  /** How many reps a ring offer reaches at once. */
  ringSize: number;
  /** An offer not taken within this moves on to the next reps (not for broadcast: everyone already has it). */
  offerTimeoutMs: number;
}

export interface RepLoad {
  id: string;
  status: Availability;
  /** Conversations the rep owns right now. */
  active: number;
  /** Most conversations the rep handles at once. */
  capacity: number;
  /** Queue membership order: the stable order rings and round robin walk. */
  order: number;
}

export interface OfferDecision {
  /** Reps offered the conversation now; empty means it waits (nobody eligible, or the queue is full). */
  repIds: string[];
  /** When the offer lapses and routing moves on; null when it never lapses. */
  expiresAt: number | null;
  /** The round-robin cursor after this decision (the last rep offered). */
  cursor: string | null;
}

/** Online, not invisible or away, with room for one more conversation. */
export const canTakeMore = (rep: RepLoad) => rep.status === 'online' && rep.active < rep.capacity;

/**
 * Decide the next offer for one conversation. `tried` are reps whose offer for it lapsed or who
 * declined; they are skipped while anyone else is eligible, and offered again only once everyone
 * eligible has had a turn (so a conversation never stalls because of one slow rep).
 */
export function decideOffer(
  queue: QueueSettings,
  reps: readonly RepLoad[],
  tried: ReadonlySet<string>,
  cursor: string | null,
  now: number,
): OfferDecision {
  const eligible = reps.filter(canTakeMore).sort((a, b) => a.order - b.order);
  if (eligible.length === 0) return { repIds: [], expiresAt: null, cursor };
  const fresh = eligible.filter((r) => !tried.has(r.id));
  const pool = fresh.length > 0 ? fresh : eligible;
  const lapse = now + queue.offerTimeoutMs;

  return STRATEGIES[queue.strategy]({ queue, all: reps, eligible, pool, cursor, lapse });
}

interface Choice {
  queue: QueueSettings;
  all: readonly RepLoad[];
  /** Everyone who can take it, in queue order. */
  eligible: RepLoad[];
  /** The eligible reps not yet tried (or everyone eligible, once all have been). */
  pool: RepLoad[];
  cursor: string | null;
  lapse: number;
}

const STRATEGIES: Record<Strategy, (c: Choice) => OfferDecision> = {
  // Everyone eligible sees it; the first to take wins. Nobody is next, so the offer never lapses.
  broadcast: (c) => ({ repIds: c.eligible.map((r) => r.id), expiresAt: null, cursor: c.cursor }),
  ring: (c) => ({
    repIds: c.pool.slice(0, Math.max(1, c.queue.ringSize)).map((r) => r.id),
    expiresAt: c.lapse,
    cursor: c.cursor,
  }),
  round_robin: (c) => {
    const next = nextAfter(c.pool, c.all, c.cursor);
    return { repIds: [next.id], expiresAt: c.lapse, cursor: next.id };
  },
  least_busy: (c) => ({ repIds: [[...c.pool].sort(byLoad)[0].id], expiresAt: c.lapse, cursor: c.cursor }),
};

/** Lowest share of capacity in use first; then fewer conversations; then queue order. */
function byLoad(a: RepLoad, b: RepLoad): number {
  return a.active / a.capacity - b.active / b.capacity || a.active - b.active || a.order - b.order;
}

/** The first rep of `pool` whose place in the queue comes after the cursor's, wrapping around. */
function nextAfter(pool: readonly RepLoad[], all: readonly RepLoad[], cursor: string | null): RepLoad {
  const at = all.find((r) => r.id === cursor)?.order ?? -Infinity;
  return pool.find((r) => r.order > at) ?? pool[0];
}

/**
 * What a waiting visitor is told: their place in the queue (1 = next) and an expected wait from
 * how long recent conversations waited, scaled by how many are ahead. Null when there is no history.
 */
export function queueEstimate(
  position: number,
  recentWaitsMs: readonly number[],
  reps: readonly RepLoad[],
): { position: number; expectedWaitMs: number | null } {
  if (recentWaitsMs.length === 0) return { position, expectedWaitMs: null };
  const sorted = [...recentWaitsMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  // Reps who are online drain the queue in parallel; with none online the median is the best guess.
  const servers = Math.max(1, reps.filter((r) => r.status === 'online').length);
  return { position, expectedWaitMs: Math.round(median * Math.max(1, position / servers)) };
}
