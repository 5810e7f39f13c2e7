import { afterAll, beforeAll } from 'vitest';
import { startCluster, type Cluster, type ClusterHub } from '../../scripts/cluster-start.mjs';
import { openDb, type Db } from '#hub/storage/db';
import type { HubAt } from './actors';

/**
 * Three hub processes on one real PostgreSQL and one real Redis behind nginx (FEATURES I6), with the demo
 * data, started by a test file: the hubs to point actors at, and the database to look at rows in.
 * Rate limits are scaled up: the tests are one machine sending what many visitors would.
 */
export const CLUSTER_START_MS = 300_000;

export interface TestCluster {
  cluster: Cluster;
  db: Db;
  /** Hub n (1-based), reached directly; `lb`, through nginx. */
  hub(n: number): HubAt & { process: ClusterHub };
  lb: HubAt;
  stop(): Promise<void>;
}

export async function startTestCluster(hubs = 3): Promise<TestCluster> {
  const cluster = await startCluster({ hubs, env: { PARLEY_RATE_LIMIT_SCALE: '1000' } });
  const db = await openDb({ databaseUrl: cluster.databaseUrl });
  // Every rep may hold many conversations at once: the tests open hundreds.
  await db.query('update queues set default_capacity = 1000');
  return {
    cluster,
    db,
    hub: (n) => ({ url: cluster.hubs[n - 1].url, ctx: { db }, process: cluster.hubs[n - 1] }),
    lb: { url: cluster.url, ctx: { db } },
    async stop() {
      await db.close();
      await cluster.stop();
    },
  };
}

/** One cluster for the whole test file, started before its tests and stopped after them. */
export function clusterForFile(): () => TestCluster {
  let t: TestCluster | undefined;
  beforeAll(async () => {
    t = await startTestCluster();
  }, CLUSTER_START_MS);
  afterAll(async () => {
    await t?.stop();
  });
  return () => t!;
}
