// Time from launching the hub process until GET /api/health answers 200: cold (new data folder:
// create the embedded database, migrate, seed) and warm (existing folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubReady, spawnHub } from '../scripts/hub-process.mjs';

async function startOnce(dataDir) {
  const t0 = performance.now();
  const child = spawnHub({
    env: { PARLEY_DATA_DIR: dataDir, PARLEY_PORT: '0', PARLEY_LOG_LEVEL: 'warn', PARLEY_DEMO: '1' },
    stdout: 'ignore',
    stderr: 'inherit',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await hubReady(child, 60_000);
    return { wallMs: performance.now() - t0 };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function hubStartTimes(runs) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    cold.push(await startOnce(dir));
    warm.push(await startOnce(dir));
    rmSync(dir, { recursive: true, force: true });
  }
  return { cold, warm };
}
