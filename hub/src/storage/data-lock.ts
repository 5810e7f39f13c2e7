import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * One process at a time on an embedded (PGlite) data folder: two would corrupt it, since PGlite
 * keeps no lock of its own. The folder gets a `.lock` file beside it holding the owner's pid; a
 * lock whose process is gone (a killed hub) is taken over at once, so a restart never waits.
 * PostgreSQL needs none: it is a server, and the hub and the admin command may share it.
 */

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export class DataFolderBusy extends Error {}

/** Takes the lock or throws DataFolderBusy; the returned function gives it back. */
export function lockDataFolder(dataDir: string): () => void {
  const path = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8'));
      if (owner && owner !== process.pid && alive(owner)) {
        throw new DataFolderBusy(
          `${dataDir} is in use by process ${owner} (a running hub?): stop it first, or use DATABASE_URL`,
        );
      }
      rmSync(path, { force: true }); // left by a process that is gone
    }
  }
  throw new DataFolderBusy(`${dataDir}: could not take ${path}`);
}
