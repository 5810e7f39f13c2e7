import type { Availability, RepProfile } from '#protocol';
import { setRepStatus } from '../inbox/rep';
import type { Log } from '../log';
import type { Db } from '../storage/db';
import { createLocalCluster, type Cluster } from '../cluster/cluster';

/**
 * Rep availability as this process sees it: a rep with an open socket is at least reachable. When
 * the last socket closes they turn offline only if they have not come back within the grace period:
 * a worker restart or a network blip must not take their conversations away (FEATURES A5, C5).
 * A rep may also choose offline with a socket open (FEATURES A3); a socket of theirs arriving meanwhile
 * (a restarted worker) leaves them offline, where an offline left by a closed browser turns online.
 * With several hubs (FEATURES I6) each holds its reps in the cluster: a rep held by any live hub is
 * not set offline, a choice of offline is told to every hub, and the cluster's sweep sets offline the
 * reps no live hub holds (a dead hub's, after the heartbeat timeout).
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
  /**
   * Reps recorded as present whom no live hub holds are set offline (after a restart's grace period;
   * with several hubs, by the sweep). With `absentBefore`, only those also absent then; returns the absent now.
   */
  reconcile(absentBefore?: ReadonlySet<string>): Promise<Set<string>>;
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
  cluster: Cluster = createLocalCluster(),
): Presence {
  const reps = new Map<string, RepSockets>();
  /** Reps with a state here (a socket, or within the grace period). */
  const held = cluster.holds('reps');
  /** Reps who chose offline with a socket open here. */
  const chose = cluster.holds('reps-chose-offline');
  let stopped = false;
  const forget = (repId: string) => {
    reps.delete(repId);
    held.delete(repId);
    chose.delete(repId);
  };
  const chooseOffline = (state: RepSockets, repId: string, offline: boolean) => {
    state.chosenOffline = offline;
    if (offline) chose.set(repId, '1');
    else chose.delete(repId);
  };
  cluster.subscribe('presence.chose', (m) => {
    const { repId, offline } = m as { repId: string; offline: boolean };
    const state = reps.get(repId);
    if (state) chooseOffline(state, repId, offline);
  });
  /** Held by another live hub; when Redis cannot say, assumed so (the sweep decides later). */
  const heldElsewhere = (repId: string) => held.anywhere(repId).catch(() => true);
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
      held.delete(rep.id);
      const write = heldElsewhere(rep.id)
        .then((elsewhere) => (elsewhere || state.count > 0 ? undefined : record(rep, 'offline')))
        .catch((err) => log.error({ err }, 'presence: could not record offline'))
        .finally(() => {
          if (state.goingOffline === write) state.goingOffline = undefined;
          if (state.count === 0 && !state.leaving && !state.goingOffline) forget(rep.id);
          else held.set(rep.id, '1');
        });
      state.goingOffline = write;
    }, graceMs);
  }

  return {
    async connected(rep) {
      const state = reps.get(rep.id) ?? { count: 0 };
      reps.set(rep.id, state);
      held.set(rep.id, '1');
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
        if (await chose.anywhere(rep.id).catch(() => false)) {
          chooseOffline(state, rep.id, true);
          return lease(row.status);
        }
        // Back from offline: the availability their account starts with (FEATURES H1), online unless a super user chose otherwise.
        await record(rep, row.sign_in_status);
        return lease(row.sign_in_status);
      } catch (err) {
        lease('offline').leave();
        throw err;
      }
    },
    async set(rep, status, clientId) {
      await cluster.publish('presence.chose', { repId: rep.id, offline: status === 'offline' });
      await setRepStatus(db, rep, status, clientId, now());
      committed();
    },
    stop() {
      stopped = true;
      reps.forEach((state) => clearTimeout(state.leaving));
    },
    async reconcile(absentBefore) {
      const present = await db.query<RepProfile & { password_hash?: string }>(
        `select id, name, email, role, status from reps where status <> 'offline'`,
      );
      const everywhere = await held.everywhere();
      const absent = new Set(present.filter((r) => !everywhere.has(r.id) && !isPresent(r.id)).map((r) => r.id));
      for (const rep of present)
        if (!stopped && absent.has(rep.id) && (absentBefore?.has(rep.id) ?? true) && !isPresent(rep.id))
          await record(rep, 'offline');
      return absent;
    },
  };
}
