import { loadConfig } from './config';
import { seedDemo } from './demo/seed';
import { startHub } from './server';
import { openDb } from './storage/db';

/** `npm run dev:hub` / `npm start`: the hub with its embedded database (or DATABASE_URL) and demo data. */
const started = performance.now();
const config = loadConfig();
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const hub = await startHub({ db, port: config.port, host: config.host, filesDir: config.filesDir, trustedProxies: config.trustedProxies });
// The generated shop's links and images point at this hub, which serves the demo shop.
if (config.seedDemo && (await seedDemo(db, { catalog: true, shopOrigin: hub.url }))) console.log('hub: demo data seeded (password for every demo account: parley-demo)');
const ms = Math.round(performance.now() - started);
// Tests and scripts wait for this exact line.
console.log(`hub: ready at ${hub.url} in ${ms} ms (${db.kind}${config.databaseUrl ? '' : ` in ${config.dataDir}`})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await hub.close();
    await db.close();
    process.exit(0);
  });
}
