import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { seedDemo } from '#hub/demo/seed';
import { touchVisitor } from '#hub/inbox/visitor';
import { startHub, type Hub, type HubOptions } from '#hub/server';
import { openDb, type Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';

/** Both storage back ends every storage test runs against. */
export const BACKENDS = ['pglite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/** A new, empty database on the test PostgreSQL server: its URL, and a way to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('postgresUrl');
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      const a = new pg.Client(adminUrl);
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A fresh, empty database: in-memory PGlite, or a new database on the test PostgreSQL server. */
export async function openTestDb(backend: Backend): Promise<Db> {
  if (backend === 'pglite') return openDb({});
  const created = await createTestDatabase();
  const db = await openDb({ databaseUrl: created.url });
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}

/** A fresh database with the schema and the demo data, every rep online (only online reps are offered conversations) and one visitor of the demo chat. */
export async function openDemoDb(backend: Backend, visitorId: string): Promise<Db> {
  const db = await openTestDb(backend);
  await migrate(db);
  await seedDemo(db);
  await db.query(`update reps set status = 'online'`);
  await touchVisitor(db, 'ch_demo', visitorId);
  return db;
}

/** A short presence grace: tests that close a rep's socket expect them offline promptly. */
export const TEST_PRESENCE_GRACE_MS = 300;

/** A real hub on a random loopback port, with demo data; `options` as startHub takes them (e.g. trusted proxies, a clock). */
export async function startTestHub(
  backend: Backend = 'pglite',
  options: Omit<HubOptions, 'db'> = {},
): Promise<{ hub: Hub; db: Db; stop(): Promise<void> }> {
  const db = await openTestDb(backend);
  const hub = await startHub({ db, port: 0, presenceGraceMs: TEST_PRESENCE_GRACE_MS, demo: true, ...options });
  await seedDemo(db);
  return {
    hub,
    db,
    async stop() {
      await hub.close();
      await db.close();
    },
  };
}

/** A test hub whose log, every line from trace up, the test reads (`logged`): to check what is never logged. */
export async function startLoggedHub(backend: Backend) {
  const logged: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logged.push(line) });
  return { ...(await startTestHub(backend, { logger })), logged };
}

/** A real WebSocket client that collects every frame, with a way to wait for one. */
export interface TestSocket {
  ws: WebSocket;
  frames: any[];
  send(frame: unknown): void;
  sendRaw(data: string): void;
  next(match: (f: any) => boolean, timeoutMs?: number): Promise<any>;
  closed: Promise<number>;
  close(): void;
}

/**
 * Test sockets ping like the real clients do (every 20 s), so a run slowed down by a loaded machine
 * is not cut as silent by the hub's 45 s heartbeat. The answers are not recorded: tests never see them.
 */
const KEEPALIVE_MS = 10_000;
const KEEPALIVE_T = -4242;

/** `headers`: sent with the handshake, e.g. the Origin a browser on some site would send. */
export async function connect(url: string, headers?: Record<string, string>): Promise<TestSocket> {
  const ws = new WebSocket(url, headers ? { headers } : undefined);
  const frames: any[] = [];
  const waiters: { match: (f: any) => boolean; resolve: (f: any) => void; from: number }[] = [];
  const keepalive = setInterval(
    () => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: 'ping', t: KEEPALIVE_T })),
    KEEPALIVE_MS,
  );
  keepalive.unref();
  ws.on('close', () => clearInterval(keepalive));
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString());
    if (f.type === 'pong' && f.t === KEEPALIVE_T) return;
    frames.push(f);
    for (const w of [...waiters])
      if (w.match(f)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(f);
      }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (data) => ws.send(data),
    next(match, timeoutMs = 5000) {
      const seen = frames.find(match);
      if (seen) {
        frames.splice(frames.indexOf(seen), 1);
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 500)}`)),
          timeoutMs,
        );
        waiters.push({
          match,
          from: frames.length,
          resolve: (f) => {
            clearTimeout(timer);
            frames.splice(frames.indexOf(f), 1);
            resolve(f);
          },
        });
      });
    },
    closed,
    close: () => ws.close(),
  };
}

export async function loginAs(hubUrl: string, email: string, password = 'parley-demo') {
  const res = await fetch(`${hubUrl}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
  return { status: res.status, body: await res.json() };
}

export const wsUrl = (hubUrl: string, path: '/ws/rep' | '/ws/visitor') => hubUrl.replace(/^http/, 'ws') + path;

/** The p-th percentile (0–100) of measured times, nearest rank. */
export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/**
 * Public unicast addresses under `a.b.` (e.g. '81.2'), a new one each call: what a trusted proxy puts
 * in X-Forwarded-For for tests of per-address limits and blocks. Only ever named in a header.
 */
export function publicAddresses(prefix: string): () => string {
  let n = 1;
  return () => `${prefix}.${Math.floor(n / 250)}.${(n++ % 250) + 1}`;
}
