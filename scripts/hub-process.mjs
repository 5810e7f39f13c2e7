// The hub as a child process, and knowing when it is ready: used by `npm start`, the end-to-end
// tests, the hub tests that need a real process, and the start-time bench. The hub (hub/src/main.ts)
// sends `{ type: 'listening', url }` over the IPC channel once it accepts connections (so a hub on
// PARLEY_PORT=0 tells its port), and is ready once GET /api/health answers 200. Its log is never parsed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POLL_MS = 100;

/**
 * Starts the hub: node itself with tsx's loader, not the tsx command, whose wrapper process a
 * SIGKILL (a start that timed out) would leave running. `env` is added to this process's environment.
 */
export function spawnHub({ env = {}, stdout = 'pipe', stderr = 'pipe' } = {}) {
  return spawn(process.execPath, ['--import', 'tsx', 'hub/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, stderr, 'ipc'],
  });
}

/** Resolves with the hub's URL once it is ready; rejects if it exits first or is not ready within `timeoutMs`. */
export function hubReady(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error, url) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(url);
    };
    const timer = setTimeout(() => finish(new Error(`hub not ready in ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code, signal) => finish(new Error(`hub exited (${code ?? signal}) before it was ready`));
    const onMessage = async (message) => {
      if (message?.type !== 'listening') return;
      while (!done) {
        const ok = await fetch(`${message.url}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return finish(null, message.url);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
