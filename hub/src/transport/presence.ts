import type { Availability, RepProfile } from '../../../protocol';
import { setRepStatus } from '../inbox/rep';
import type { Db } from '../storage/db';

/**
 * Rep availability as this process sees it: a rep with an open socket is at least reachable. When
 * the last socket closes they turn offline only if they have not come back within the grace period:
 * a worker restart or a network blip must not take their conversations away (SPEC A5, C5).
 */
/** Long enough for a restarted service worker or a dropped Wi-Fi to reconnect (backoff caps at 5 s). */
export const PRESENCE_GRACE_MS = 15_000;

export interface Presence {
  connected(rep: RepProfile): Promise<Availability>;
  disconnected(rep: RepProfile): void;
  set(rep: RepProfile, status: Exclude<Availability, 'offline'>, clientId: string): Promise<void>;
  /** Shutting down: sockets closing now say nothing about the reps. */
  stop(): void;
  /** Reps recorded as present who have no socket here are set offline (after a restart's grace period). */
  reconcile(): Promise<void>;
}

export function createPresence(db: Db, committed: () => void, now: () => number = Date.now, graceMs = PRESENCE_GRACE_MS): Presence {
  const sockets = new Map<string, number>();
  const leaving = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const record = async (rep: RepProfile, status: Availability) => {
    await setRepStatus(db, rep, status, undefined, now());
    committed();
  };
  return {
    async connected(rep) {
      clearTimeout(leaving.get(rep.id));
      leaving.delete(rep.id);
      sockets.set(rep.id, (sockets.get(rep.id) ?? 0) + 1);
      const [row] = await db.query<{ status: Availability }>('select status from reps where id = $1', [rep.id]);
      if (row?.status !== 'offline') return row.status;
      await record(rep, 'online');
      return 'online';
    },
    disconnected(rep) {
      if (stopped) return;
      const left = (sockets.get(rep.id) ?? 1) - 1;
      if (left > 0) return void sockets.set(rep.id, left);
      sockets.delete(rep.id);
      const timer = setTimeout(() => {
        leaving.delete(rep.id);
        if (stopped || sockets.has(rep.id)) return;
        record(rep, 'offline').catch((err) => console.error('presence: could not record offline', err));
      }, graceMs);
      leaving.set(rep.id, timer);
    },
    async set(rep, status, clientId) {
      await setRepStatus(db, rep, status, clientId, now());
      committed();
    },
    stop() {
      stopped = true;
      leaving.forEach((t) => clearTimeout(t));
    },
    async reconcile() {
      const present = await db.query<RepProfile & { password_hash?: string }>(`select id, name, email, role, status from reps where status <> 'offline'`);
      for (const rep of present) if (!stopped && !sockets.has(rep.id)) await record(rep, 'offline');
    },
  };
}
