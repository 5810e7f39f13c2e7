// Time from launching the hub process to its "ready" line: cold (new data folder: create the
// embedded database, migrate, seed) and warm (existing folder).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function startOnce(dataDir, port) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'hub/src/main.ts'], {
      env: { ...process.env, PARLEY_DATA_DIR: dataDir, PARLEY_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error('hub did not become ready in 60 s')), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /hub: ready at \S+ in (\d+) ms/.exec(out);
      if (!m) return;
      const wall = performance.now() - t0;
      clearTimeout(timer);
      child.once('exit', () => resolve({ wallMs: wall, selfMs: Number(m[1]) }));
      child.kill('SIGTERM');
    });
  });
}

export async function hubStartTimes(runs, port = 18900) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    cold.push(await startOnce(dir, port));
    warm.push(await startOnce(dir, port));
    rmSync(dir, { recursive: true, force: true });
  }
  return { cold, warm };
}
