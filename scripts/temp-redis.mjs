// A throwaway redis-server from Debian's package, on a loopback port (a free one unless given), its
// folder in a temp dir, no persistence: for the Redis tests, `npm run cluster` and the cluster bench.
// Plain JavaScript so scripts run it with node. Started again on the same port, it is "Redis restarted".
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

const START_MS = 20_000;

export async function startTempRedis(port) {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'));
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), START_MS);
    proc.stdout.on('data', (d) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('error', (err) =>
      reject(new Error(`redis-server could not be run (.ci/run installs it): ${err.message}`)),
    );
    proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** SIGKILL: Redis dies as in a crash (nothing is kept: no persistence). */
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill(signal);
        await new Promise((r) => proc.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
