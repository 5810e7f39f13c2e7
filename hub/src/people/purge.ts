import type { Logger } from 'pino';
import { purgeExpired } from '../auth/sessions';
import type { Sql } from '../storage/db';

/** Expired sessions and used or expired set-password links are deleted once at start and then hourly (FEATURES H1). */
export const PURGE_EVERY_MS = 60 * 60_000;

export function startPurging(db: Sql, log: Pick<Logger, 'error'>, everyMs = PURGE_EVERY_MS): () => void {
  const run = () => void purgeExpired(db).catch((err) => log.error({ err }, 'could not purge expired sessions'));
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
