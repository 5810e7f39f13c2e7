import { FIRST_REP_DEFAULTS, RepDefaults } from '#protocol';
import { HubError } from '../inbox/errors';
import type { Sql } from '../storage/db';

/** What new reps start with (FEATURES H1), one hub-wide set kept in `hub_settings` under 'repDefaults'. */

const KEY = 'repDefaults';

export async function loadRepDefaults(db: Sql): Promise<RepDefaults> {
  const [row] = await db.query<{ value: unknown }>('select value from hub_settings where key = $1', [KEY]);
  const parsed = RepDefaults.safeParse(row?.value);
  return parsed.success ? parsed.data : FIRST_REP_DEFAULTS;
}

/** Queues that do not exist are refused, so a new rep never starts in a queue that is gone. */
export async function checkQueues(tx: Sql, queueIds: string[]): Promise<void> {
  if (queueIds.length === 0) return;
  const found = await tx.query<{ id: string }>('select id from queues where id = any($1)', [queueIds]);
  const missing = queueIds.find((id) => !found.some((q) => q.id === id));
  if (missing) throw new HubError('bad_frame', `queueIds: no queue ${missing}`);
}

export async function saveRepDefaults(tx: Sql, defaults: RepDefaults, by: string): Promise<void> {
  await checkQueues(tx, defaults.queueIds);
  await tx.query(
    `insert into hub_settings (key, value, updated_by) values ($1, $2, $3)
     on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
    [KEY, JSON.stringify(defaults), by],
  );
}
