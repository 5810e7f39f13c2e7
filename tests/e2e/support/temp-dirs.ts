import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary folders of the e2e support (hub data, browser profiles, extension copies). Each owner
 * removes its folder when done, on failure paths too; whatever is still listed when the Playwright
 * worker exits (a teardown that never ran) is removed then, so no run leaves `/tmp/parley-e2e-*`.
 */
const live = new Set<string>();

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Runs `work` with a fresh folder that is removed if `work` throws; on success the caller owns it. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = makeTempDir(prefix);
  try {
    return await work(dir);
  } catch (error) {
    removeTempDir(dir);
    throw error;
  }
}

process.once('exit', () => {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
});
