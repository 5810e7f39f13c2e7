import type { Sql } from '../storage/db';

/**
 * Jobs only one hub process may run at a time, however many share the database (FEATURES I6): a
 * process claims the job's row with a lease, by the database's clock. The claim is one UPDATE whose
 * condition another process's claim falsifies, so of two processes asking at once one gets it (the
 * row lock orders them). A process that dies mid-run holds the job only until its lease lapses.
 */

/** Claims `name` for `holder` if no lease holds it and it last ran at least `everyMs` ago. */
export async function claimJob(
  db: Sql,
  name: string,
  holder: string,
  everyMs: number,
  leaseSeconds: number,
): Promise<boolean> {
  await db.query('insert into scheduled_jobs (name) values ($1) on conflict (name) do nothing', [name]);
  const claimed = await db.query(
    `update scheduled_jobs set holder = $2, lease_until = now() + make_interval(secs => $4)
      where name = $1 and (lease_until is null or lease_until < now())
        and (last_run_at is null or last_run_at <= now() - make_interval(secs => $3))
      returning name`,
    [name, holder, everyMs / 1000, leaseSeconds],
  );
  return claimed.length > 0;
}

/** The holder is done: the lease goes and the job counts as run now. */
export async function finishJob(db: Sql, name: string, holder: string): Promise<void> {
  await db.query(
    'update scheduled_jobs set holder = null, lease_until = null, last_run_at = now() where name = $1 and holder = $2',
    [name, holder],
  );
}

/** The run failed: the lease goes, so the next claim may try again at once. */
export async function releaseJob(db: Sql, name: string, holder: string): Promise<void> {
  await db.query('update scheduled_jobs set holder = null, lease_until = null where name = $1 and holder = $2', [
    name,
    holder,
  ]);
}
