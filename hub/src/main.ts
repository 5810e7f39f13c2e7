import { loadConfig, readTls } from './config';
import { seedDemo } from './demo/seed';
import { createLogger } from './log';
import { startHub } from './server';
import { openDb } from './storage/db';
import { createMailer } from './people/mailer';
import { hasSuperUser } from './people/operator';

/**
 * `npm run hub` (production) / `npm start` (the demo, PARLEY_DEMO=1): the hub with its embedded
 * database (or DATABASE_URL); demo data only when PARLEY_DEMO=1, which config.ts allows on loopback only.
 *
 * How a parent process follows it (scripts/hub-process.mjs does this): started with an IPC channel,
 * the hub sends `{ type: 'listening', url }` once it accepts connections — the way to learn the
 * port when PARLEY_PORT=0 — and is ready when `GET /api/health` answers 200. The log is for people
 * and log collectors; nothing parses it. SIGTERM or SIGINT stops it cleanly (exit code 0).
 */
const started = performance.now();
const config = loadConfig();
const log = await createLogger(config.log);
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
const hub = await startHub({
  db,
  port: config.port,
  host: config.host,
  filesDir: config.filesDir,
  trustedProxies: config.trustedProxies,
  redisUrl: config.redisUrl,
  rateLimits: config.rateLimits,
  metrics: config.metrics,
  demo: config.seedDemo,
  tls: await readTls(config.tls),
  logger: log,
  ready: false,
  publicUrl: config.publicUrl,
  channels: config.channels,
  mailer: config.mail ? createMailer(config.mail, log) : null,
});
process.send?.({ type: 'listening', url: hub.url });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'hub: stopping');
    try {
      await hub.close();
      await db.close();
      log.info('hub: stopped');
      process.exit(0);
    } catch (err) {
      log.fatal({ err }, 'hub: could not stop cleanly');
      process.exit(1);
    }
  });
}

// The generated shop's links and images point at this hub, which serves the demo shop.
if (config.seedDemo && (await seedDemo(db, { catalog: true, shopOrigin: hub.url })))
  log.info('hub: demo data seeded (demo accounts: see the README)');
if (!(await hasSuperUser(db)))
  log.info(
    'hub: no super user yet: create the first with `npm run admin -- create-super-user EMAIL` (see the README, Going live)',
  );
hub.started();
log.info(
  {
    url: hub.url,
    ms: Math.round(performance.now() - started),
    database: db.kind,
    metrics: hub.metricsUrl ?? undefined,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  },
  `hub: ready at ${hub.url}`,
);
