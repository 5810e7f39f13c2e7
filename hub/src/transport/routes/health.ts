import { HTTP_LIMITS, PROTOCOL_VERSION, type HealthResponse } from '#protocol';
import { HubError } from '../../inbox/errors';
import type { Sql } from '../../storage/db';
import type { Routes } from './kit';

/**
 * Readiness (`GET /api/health`): 200 once the hub has started (demo data seeded, in main.ts) and its
 * database answers a query within HTTP_LIMITS.healthDbMs; 503 `not_ready` otherwise. Tests, scripts
 * and load balancers wait on this, never on a log line.
 */

/** Does the database answer a trivial query within `ms`? */
export async function databaseAnswers(db: Pick<Sql, 'query'>, ms: number = HTTP_LIMITS.healthDbMs): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const answered = db.query('select 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: Routes<{ started: () => boolean }> = async (app, { ctx, started }) => {
  app.get('/api/health', async () => {
    if (!started()) throw new HubError('not_ready', 'the hub is starting');
    if (!(await databaseAnswers(ctx.db))) throw new HubError('not_ready', 'the database does not answer');
    return { ok: true, protocol: PROTOCOL_VERSION } satisfies HealthResponse;
  });
};
