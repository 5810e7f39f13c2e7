import { readFileSync } from 'node:fs';

/**
 * Answers the parent's 'mem' message with VmRSS and the JS heap in use, in bytes, after full GCs
 * (--expose-gc). RSS also holds the embedded database's WebAssembly memory, which never shrinks.
 */
export function serveMemoryRequests() {
  process.on('message', async (m) => {
    if (m !== 'mem') return;
    for (let i = 0; i < 3; i++) {
      globalThis.gc?.();
      await new Promise((res) => setTimeout(res, 100));
    }
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
    process.send({ rss: kb * 1024, heap: process.memoryUsage().heapUsed });
  });
  process.on('disconnect', () => process.exit(0));
}
