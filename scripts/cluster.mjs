#!/usr/bin/env node
// `npm run cluster [-- N]`: tries several hubs on one machine (FEATURES I6) — PostgreSQL and Redis from
// the system's packages in a temp folder, N hubs (default 3) and nginx in front with WebSocket
// upgrade, the demo data in it. Ctrl-C stops everything and deletes the folder.
import { startCluster } from './cluster-start.mjs';

const DEFAULT_HUBS = 3;
const MAX_HUBS = 16;
const n = Number(process.argv[2] ?? DEFAULT_HUBS);
if (!Number.isInteger(n) || n < 1 || n > MAX_HUBS) {
  console.error(`usage: npm run cluster [-- HUBS]   (HUBS: 1 to ${MAX_HUBS}, default ${DEFAULT_HUBS})`);
  process.exit(2);
}
console.log(`starting PostgreSQL, Redis, ${n} hub${n > 1 ? 's' : ''} and nginx…`);
const cluster = await startCluster({ hubs: n, logs: 'inherit' });
console.log(`
Parley cluster ready:
  load balancer (use this): ${cluster.url}
    demo shop:              ${cluster.url}/demo/
    side panel hub URL:     ${cluster.url}   (demo accounts: see the README)
${cluster.hubs.map((h) => `  hub ${h.n}:                    ${h.url}`).join('\n')}
  PostgreSQL:               ${cluster.databaseUrl}
  Redis:                    ${cluster.redis.url}
Ctrl-C stops everything.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping the cluster…');
    await cluster.stop();
    process.exit(0);
  });
}
