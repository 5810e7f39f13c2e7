import { LIMITS } from '#protocol';
import type { Db, Sql } from '../storage/db';
import { writeTx } from './log';

/**
 * How long the event log keeps what it holds (issue 14): events older than
 * LIMITS.eventLogRetentionDays are pruned, oldest first, and the highest id pruned — the floor — is
 * kept in `event_log_floor`. A rep whose resume point is below the floor may have missed pruned
 * events (a deletion among them), so they get a full re-sync (inbox/snapshot.ts), never a replay
 * with a hole in it.
 */

/** Events looked at per statement, oldest first, so one prune never holds the log lock for long. */
const PRUNE_BATCH = 10_000;
/** The sweep runs with the hub's one-second timers but prunes at most this often. */
const PRUNE_EVERY_MS = 3_600_000;

/** The highest event id pruned so far (0: nothing yet). */
export async function logFloor(db: Sql): Promise<number> {
  const [row] = await db.query<{ pruned_through: string | number }>('select pruned_through from event_log_floor');
  return Number(row?.pruned_through ?? 0);
}

/**
 * Prunes what is past retention; returns how many events went. Ages are the database's (events are
 * dated by its clock), not the hub's, which tests move.
 */
export async function pruneEventLog(db: Db): Promise<number> {
  let pruned = 0;
  for (;;) {
    const batch = await writeTx(db, async (tx) => {
      // The oldest events still kept, up to the last one older than the cutoff: a prefix of the log.
      const [edge] = await tx.query<{ id: string | null }>(
        `select max(id) as id from (select id, created_at from events order by id limit $1) e where created_at < now() - make_interval(days => $2::int)`,
        [PRUNE_BATCH, LIMITS.eventLogRetentionDays],
      );
      if (edge?.id == null) return 0;
      const gone = await tx.query('delete from events where id <= $1 returning id', [edge.id]);
      await tx.query('update event_log_floor set pruned_through = greatest(pruned_through, $1)', [edge.id]);
      return gone.length;
    });
    pruned += batch;
    if (batch === 0) return pruned;
  }
}

/** The timers' sweep: prunes once an hour (the first call prunes at once). */
export function createLogPruner(db: Db): (now: number) => Promise<void> {
  let last = -Infinity;
  return async (now) => {
    if (now - last < PRUNE_EVERY_MS) return;
    last = now;
    await pruneEventLog(db);
  };
}
