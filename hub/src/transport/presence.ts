import type { Availability, RepProfile } from '#protocol';
import { setRepStatus } from '../inbox/rep';
import type { Log } from '../log';
import type { Db } from '../storage/db';

/**
 * Rep availability as this process sees it: a rep with an open socket is at least reachable. When
 * the last socket closes they turn offline only if they have not come back within the grace period:
 * a worker restart or a network blip must not take their conversations away (FEATURES A5, C5).
 * A rep may also choose offline with a socket open (FEATURES A3); a socket of theirs arriving meanwhile
 * (a restarted worker) leaves them offline, where an offline left by a closed browser turns online.
 */
/** Long enough for a restarted service worker or a dropped Wi-Fi to reconnect (backoff caps at 5 s). */
export const PRESENCE_GRACE_MS = 15_000;

/** One counted socket of a rep. `leave` may be called any number of times; only the first counts. */
export interface PresenceLease {
  status: Availability;
  leave(): void;
}

export interface Presence {
  /**
   * Counts a socket of the rep from this call on (synchronously, before anything is awaited) and
   * resolves with their availability. Only the lease uncounts it, so a socket can never take away
   * a count it did not add.
   */
  connected(rep: RepProfile): Promise<PresenceLease>;
  set(rep: RepProfile, status: Availability, clientId: string): Promise<void>;
  /** Shutting down: sockets closing now say nothing about the reps. */
  stop(): void;
  /** Reps recorded as present who have no socket here are set offline (after a restart's grace period). */
  reconcile(): Promise<void>;
}

interface RepSockets {
  count: number;
  /** The grace timer after the last socket closed. */
  leaving?: NodeJS.Timeout;
  /** An offline write in progress: a socket arriving meanwhile reads the status after it. */
  goingOffline?: Promise<void>;
  /** The rep chose offline (FEATURES A3): kept until they choose another status or are gone past the grace. */
  chosenOffline?: boolean;
}

export function createPresence(
  db: Db,
  committed: () => void,
  log: Log,
  now: () => number = Date.now,
  graceMs = PRESENCE_GRACE_MS,
): Presence {
  const reps = new Map<string, RepSockets>();
  let stopped = false;
  const record = async (rep: RepProfile, status: Availability) => {
    await setRepStatus(db, rep, status, undefined, now());
    committed();
  };
  const isPresent = (repId: string) => (reps.get(repId)?.count ?? 0) > 0;

  function release(rep: RepProfile) {
    const state = reps.get(rep.id);
    if (stopped || !state) return;
    state.count -= 1;
    if (state.count > 0) return;
    state.leaving = setTimeout(() => {
      state.leaving = undefined;
      if (stopped || state.count > 0) return;
      const write = record(rep, 'offline')
        .catch((err) => log.error({ err }, 'presence: could not record offline'))
        .finally(() => {
          if (state.goingOffline === write) state.goingOffline = undefined;
          if (state.count === 0 && !state.leaving && !state.goingOffline) reps.delete(rep.id);
        });
      state.goingOffline = write;
    }, graceMs);
  }

  return {
    async connected(rep) {
      const state = reps.get(rep.id) ?? { count: 0 };
      reps.set(rep.id, state);
      clearTimeout(state.leaving);
      state.leaving = undefined;
      state.count += 1;
      let left = false;
      const lease = (status: Availability): PresenceLease => ({
        status,
        leave() {
          if (left) return;
          left = true;
          release(rep);
        },
      });
      try {
        // An offline write already under way lands first; reading before it would see 'online' and
        // leave this rep offline with a socket open.
        await state.goingOffline;
        const [row] = await db.query<{ status: Availability; sign_in_status: Availability }>(
          'select status, sign_in_status from reps where id = $1',
          [rep.id],
        );
        if (row?.status !== 'offline' || state.chosenOffline) return lease(row.status);
        // Back from offline: the availability their account starts with (FEATURES H1), online unless a super user chose otherwise.
        await record(rep, row.sign_in_status);
        return lease(row.sign_in_status);
      } catch (err) {
        lease('offline').leave();
        throw err;
      }
    },
    async set(rep, status, clientId) {
      const state = reps.get(rep.id);
      if (state) state.chosenOffline = status === 'offline';
      await setRepStatus(db, rep, status, clientId, now());
      committed();
    },
    stop() {
      stopped = true;
      reps.forEach((state) => clearTimeout(state.leaving));
    },
    async reconcile() {
      const present = await db.query<RepProfile & { password_hash?: string }>(
        `select id, name, email, role, status from reps where status <> 'offline'`,
      );
      for (const rep of present) if (!stopped && !isPresent(rep.id)) await record(rep, 'offline');
    },
  };
}
