import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { hubReady, spawnHub } from '../../../scripts/hub-process.mjs';
import { makeTempDir, removeTempDir } from './temp-dirs';

/** The real hub as a child process (`tsx hub/src/main.ts`), the way it runs in production. */
export interface HubProcess {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the hub printed, for failure messages. */
  output(): string;
  /** SIGTERM and wait for the exit; same port and data dir are kept for start(). */
  stop(): Promise<void>;
  /** Start again on the same port and data dir (after stop()). */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(): Promise<void>;
  /** stop() and delete the data dir. */
  dispose(): Promise<void>;
}

// Generous: with several suites sharing 2 cores, a cold PGlite start has been seen past 30 s.
const START_TIMEOUT_MS = 90_000;

/** A port nobody listens on right now (the OS picks it; the hub then binds it). */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Hubs still running in this worker: killed if the worker exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((proc) => proc.kill('SIGKILL')));

/**
 * `demo: false` starts the hub as `npm run hub` does, with no demo accounts or data (FEATURES H1);
 * `env`: more settings, e.g. the messaging channels' key and provider addresses (issue 15).
 */
export async function launchHub({
  demo = true,
  env = {},
}: { demo?: boolean; env?: Record<string, string> } = {}): Promise<HubProcess> {
  const port = await freePort();
  const dataDir = makeTempDir('parley-e2e-hub-');
  let log = '';
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    if (child) throw new Error('hub already running');
    // The browser tests type dozens of messages in a second through one widget, which the rate limits
    // (their own hub tests: socket-limits, visitor-flood) would rightly refuse.
    const proc = spawnHub({
      env: {
        PARLEY_PORT: String(port),
        PARLEY_HOST: '127.0.0.1',
        PARLEY_DATA_DIR: dataDir,
        PARLEY_DEMO: demo ? '1' : '0',
        PARLEY_RATE_LIMIT_SCALE: '1000',
        ...env,
      },
    });
    child = proc;
    running.add(proc);
    proc.once('exit', () => {
      running.delete(proc);
      if (child === proc) child = null;
    });
    proc.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    proc.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      await hubReady(proc, START_TIMEOUT_MS);
    } catch (error) {
      // Not ready: the caller never gets a handle to stop it, so it must not outlive the test.
      proc.kill('SIGKILL');
      throw new Error(`${(error as Error).message}:\n${log}`, { cause: error });
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return;
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    proc.kill('SIGTERM');
    // A clean stop closes PGlite; if it hangs, kill it so the test fails elsewhere rather than here.
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    child = null;
  }

  try {
    await start();
  } catch (error) {
    // Not ready: nobody gets a handle to dispose of, so the data dir goes here (after the exit,
    // so the hub writes nothing into it afterwards).
    await stop();
    removeTempDir(dataDir);
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    output: () => log,
    stop,
    start,
    async restart() {
      await stop();
      await start();
    },
    async dispose() {
      await stop();
      removeTempDir(dataDir);
    },
  };
}
