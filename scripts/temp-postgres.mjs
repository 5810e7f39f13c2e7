// A throwaway PostgreSQL in a temp folder, from Debian's binaries, on a free loopback port: for the
// hub's storage tests (tests/hub/postgres-setup.ts) and the analytics bench. Plain JavaScript so the
// bench runs it with node. PostgreSQL refuses to run as root: then it runs as the `postgres` user.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.mjs';

function postgresBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length)
    throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set TEST_DATABASE_URL)');
  return join(root, versions[0], 'bin');
}

export async function startTempPostgres(settings = []) {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
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
  const server = spawn(
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
      ...settings.flatMap((s) => ['-c', s]),
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
  return {
    url,
    async stop() {
      server.kill('SIGINT');
      await new Promise((r) => server.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
