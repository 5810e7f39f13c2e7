import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_GOING_AWAY, PROTOCOL_VERSION, VISITOR_HEADER } from '#protocol';
import { hubReady, spawnHub } from '../../scripts/hub-process.mjs';
import { connect, loginAs, wsUrl, type TestSocket } from './support';

/**
 * The hub as it runs in production (hub/src/main.ts in its own process, JSON logs at the most
 * verbose level): it says where it listens over IPC (started on port 0), is ready when
 * /api/health says so, logs every request and socket with a request id and never a token or a
 * password, and on SIGTERM closes its sockets with 1001 and exits 0.
 */
const START_MS = 120_000;
const DEMO_PASSWORD = 'parley-demo';
const wrongPassword = `wrong-${randomBytes(9).toString('base64url')}`;

let dataDir: string;
let child: ChildProcess;
let url: string;
let log = '';
let token: string;
let visitorToken: string;
let rep: TestSocket;
let visitor: TestSocket;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parley-hub-process-'));
  child = spawnHub({
    env: {
      PARLEY_PORT: '0',
      PARLEY_DATA_DIR: dataDir,
      PARLEY_DEMO: '1',
      PARLEY_LOG_LEVEL: 'trace',
      PARLEY_LOG_FORMAT: 'json',
    },
  });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  url = await hubReady(child, START_MS).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${log}`);
  });
}, START_MS + 5000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a hub process', () => {
  it('reported its port over IPC though started on port 0, and is ready', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('serves a signed-in rep and a visitor over REST and sockets', async () => {
    expect((await loginAs(url, 'anna@demo.parley.test', wrongPassword)).status).toBe(401);
    const ok = await loginAs(url, 'anna@demo.parley.test', DEMO_PASSWORD);
    expect(ok.status).toBe(200);
    token = ok.body.token;
    // The token in a header (REST) and in a frame (the socket's hello).
    expect((await fetch(`${url}/api/admin/chats`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    rep = await connect(wsUrl(url, '/ws/rep'));
    rep.send({ type: 'hello', v: PROTOCOL_VERSION, token, lastEventId: 0 });
    await rep.next((f) => f.type === 'synced', 30_000);
    // A visitor's credential: minted at the first hello, then in the next hello and its file requests' header.
    const first = await connect(wsUrl(url, '/ws/visitor'));
    first.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' });
    visitorToken = (await first.next((f) => f.type === 'welcome', 30_000)).token;
    first.close();
    expect(visitorToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect((await fetch(`${url}/api/files/f_none`, { headers: { [VISITOR_HEADER]: visitorToken } })).status).toBe(404);
    visitor = await connect(wsUrl(url, '/ws/visitor'));
    visitor.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', token: visitorToken });
    await visitor.next((f) => f.type === 'welcome', 30_000);
  }, 60_000);

  it('on SIGTERM closes every socket with 1001 and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await rep.closed).toBe(CLOSE_GOING_AWAY);
    expect(await visitor.closed).toBe(CLOSE_GOING_AWAY);
    expect(await exited).toBe(0);
  }, 30_000);

  it('logged JSON lines with a request id on every request and socket, and no token, password or visitor credential', () => {
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const requests = lines.filter((l) => l.msg === 'incoming request');
    expect(requests.length).toBeGreaterThanOrEqual(6);
    expect(requests.every((l) => typeof l.reqId === 'string' && l.reqId.length > 0)).toBe(true);
    // What each socket logged carries the request id of its upgrade request.
    const frames = lines.filter((l) => l.msg === 'frame');
    expect(frames.map((l) => l.frame.type)).toEqual(expect.arrayContaining(['hello']));
    const upgrades = new Set(requests.filter((l) => l.req.url.startsWith('/ws/')).map((l) => l.reqId));
    expect(frames.every((l) => upgrades.has(l.reqId))).toBe(true);
    // Secrets went past the logger (headers and frames are logged at trace) and were censored.
    for (const secret of [token, DEMO_PASSWORD, wrongPassword, visitorToken])
      expect(log.includes(secret), `the log holds ${secret}`).toBe(false);
    expect(log).toContain('[redacted]');
    expect(lines.some((l) => l.msg === 'hub: stopped')).toBe(true);
  });
});
