import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Starts a real PostgreSQL for the storage suite (unless TEST_DATABASE_URL points at one).
 * The suites run every storage test against both PGlite and this server; a missing server is an
 * error, not a skip. Debian's `postgresql` package provides the binaries (.ci/run installs it).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length)
    throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set TEST_DATABASE_URL)');
  return join(root, versions[0], 'bin');
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  // PostgreSQL refuses to run as root; run it as the `postgres` user the Debian package creates.
  let user = {};
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    user = { uid, gid };
  }
  execFileSync(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'parley', '--auth=trust', '-E', 'UTF8'], {
    stdio: 'ignore',
    ...user,
  });
  const port = await freePort();
  const server: ChildProcess = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      join(dir, 'data'),
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ],
    { stdio: 'ignore', ...user },
  );
  const url = `postgres://parley@127.0.0.1:${port}/postgres`;
  for (let i = 0; ; i++) {
    try {
      const c = new pg.Client(url);
      await c.connect();
      await c.end();
      break;
    } catch (err) {
      if (i > 100) throw new Error(`PostgreSQL did not start: ${String(err)}`, { cause: err });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  project.provide('postgresUrl', url);
  return async () => {
    server.kill('SIGINT');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  };
}
