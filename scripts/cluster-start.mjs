// Several hubs on one PostgreSQL and one Redis behind nginx, all on loopback in temp folders (FEATURES
// I6): what `npm run cluster` runs, and what the cluster tests and the cluster bench start. Each hub is
// its own process on a port of its own (kept when it is restarted, so nginx finds it again).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';
import { hubReady, spawnHub } from './hub-process.mjs';
import { startTempNginx } from './temp-nginx.mjs';
import { startTempPostgres } from './temp-postgres.mjs';
import { startTempRedis } from './temp-redis.mjs';

const HUB_START_MS = 120_000;
/** What a hub wrote last, kept to explain a hub that would not start. */
const LOG_TAIL_CHARS = 20_000;

/**
 * `hubs`: how many; `demo`: the demo data (seeded by the first hub); `logs`: 'inherit' prints the
 * hubs' logs here, 'pipe' keeps their tail; `env`: more settings for every hub.
 */
export async function startCluster({ hubs = 3, demo = true, logs = 'pipe', env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cluster-'));
  const stops = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const postgres = await startTempPostgres(['fsync=off', 'max_connections=300']);
    stops.push(() => postgres.stop());
    let redis = await startTempRedis();
    stops.push(() => redis.stop());
    const lbPort = await freePort();
    const ports = [];
    for (let i = 0; i < hubs; i++) ports.push(await freePort());
    const settings = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      PARLEY_HOST: '127.0.0.1',
      // One folder for every hub's files: on real servers, a shared mount (README, Going live).
      PARLEY_FILES_DIR: join(dir, 'files'),
      PARLEY_TRUSTED_PROXIES: 'loopback',
      PARLEY_PUBLIC_URL: `http://127.0.0.1:${lbPort}`,
      PARLEY_DEMO: demo ? '1' : '0',
      PARLEY_LOG_FORMAT: logs === 'inherit' ? 'pretty' : 'json',
      PARLEY_LOG_LEVEL: logs === 'inherit' ? 'info' : 'warn',
      ...env,
    };
    const members = ports.map((port, i) =>
      clusterHub(i + 1, port, { ...settings, PARLEY_DATA_DIR: join(dir, `hub${i + 1}`) }, logs),
    );
    stops.push(async () => {
      for (const hub of members) await hub.kill('SIGTERM');
    });
    // The first hub migrates (and seeds the demo) alone; the others then start together.
    await members[0].start();
    await Promise.all(members.slice(1).map((h) => h.start()));
    let nginx = await startTempNginx(ports, lbPort);
    stops.push(() => nginx.stop());
    return {
      url: nginx.url,
      databaseUrl: postgres.url,
      hubs: members,
      lb: {
        /** Stops nginx (every connection through it drops) and starts it again on the same port after `downMs`. */
        async restart(downMs = 0) {
          await nginx.stop();
          await new Promise((r) => setTimeout(r, downMs));
          nginx = await startTempNginx(ports, lbPort);
        },
      },
      redis: {
        get url() {
          return redis.url;
        },
        /** Kills Redis (SIGKILL: it keeps nothing) and starts a new one on the same port after `downMs`. */
        async restart(downMs = 0) {
          await this.stop();
          await new Promise((r) => setTimeout(r, downMs));
          await this.start();
        },
        /** Kills Redis (SIGKILL: it keeps nothing). */
        stop: () => redis.stop('SIGKILL'),
        /** Starts a new, empty Redis where the old one was. */
        async start() {
          redis = await startTempRedis(redis.port);
        },
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function clusterHub(n, port, env, logs) {
  let child = null;
  let tail = '';
  const keep = (d) => (tail = (tail + d.toString()).slice(-LOG_TAIL_CHARS));
  return {
    n,
    port,
    url: `http://127.0.0.1:${port}`,
    get child() {
      return child;
    },
    async start() {
      child = spawnHub({ env: { ...env, PARLEY_PORT: String(port) }, stdout: logs, stderr: logs });
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      await hubReady(child, HUB_START_MS).catch((err) => {
        child.kill('SIGKILL');
        throw new Error(`hub ${n}: ${err.message}\n${tail}`);
      });
    },
    /** SIGKILL: the hub dies as in a crash; SIGTERM: it stops cleanly. */
    async kill(signal = 'SIGKILL') {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
    log: () => tail,
  };
}
