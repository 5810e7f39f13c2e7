import type { Sql } from './db';

/**
 * A rule over a set of rows (at most N chats, at least one super user) cannot be held by locking one
 * row: two writers would each count before the other's insert or change is visible. Writers no
 * longer queue behind the log's lock (events/log.ts, issue 16), so each such rule takes its own
 * transaction lock, by name, before it counts; only writers of that rule wait for each other.
 */
export async function lockRule(tx: Sql, rule: 'super-users' | 'people' | 'chats'): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`parley.rule.${rule}`]);
}
