import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { launchParleyProfile } from './browsers';
import type { HubProcess } from './hub';

/** Fault injection for the e2e suite: service-worker stops through CDP, hub SIGKILLs, extra rep profiles. */

/** A second browser profile with Parley loaded (a second rep needs their own extension storage). */
export async function launchExtensionContext(): Promise<{
  context: BrowserContext;
  extensionId: string;
  dispose(): Promise<void>;
}> {
  const { context, extensionId, close } = await launchParleyProfile();
  return { context, extensionId, dispose: close };
}

/**
 * Stops a profile's service workers the way Chromium does when it idles them out, through the
 * DevTools ServiceWorker domain. Playwright keeps its old Worker handle after such a stop (and an
 * evaluate on it hangs until something wakes the worker), so the state is followed here from the
 * CDP runningStatus events instead.
 */
export class ServiceWorkerControl {
  stops = 0;
  /** runningStatus 'stopped' → 'starting' transitions seen after a stop: the worker woke again. */
  wakes = 0;
  private status = 'running';
  private waiters: Array<() => void> = [];

  private constructor(private readonly cdp: CDPSession) {
    cdp.on(
      'ServiceWorker.workerVersionUpdated',
      (e: { versions: Array<{ runningStatus: string; scriptURL: string }> }) => {
        for (const v of e.versions) {
          if (!v.scriptURL.endsWith('/background.js')) continue;
          if (this.status === 'stopped' && v.runningStatus !== 'stopped') this.wakes++;
          this.status = v.runningStatus;
          for (const w of this.waiters.splice(0)) w();
        }
      },
    );
  }

  /** `page` is any page of the profile: CDP's ServiceWorker domain is per browser context. */
  static async attach(context: BrowserContext, page: Page): Promise<ServiceWorkerControl> {
    const cdp = await context.newCDPSession(page);
    const control = new ServiceWorkerControl(cdp);
    await cdp.send('ServiceWorker.enable');
    return control;
  }

  get runningStatus(): string {
    return this.status;
  }

  async stop(): Promise<void> {
    await this.cdp.send('ServiceWorker.stopAllWorkers');
    await this.until((s) => s === 'stopped', 10_000);
    this.stops++;
  }

  async until(ok: (status: string) => boolean, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok(this.status)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`service worker still ${this.status} after ${ms} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }
}

/** The pid listening on a loopback port (the hub's node process). */
function listenerPid(port: number): number | null {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
  const m = /pid=(\d+)/.exec(out);
  return m ? Number(m[1]) : null;
}

/**
 * A crash, not a stop: SIGKILL the hub's node process (PGlite gets no chance to close), then start
 * it again on the same port and data dir.
 */
export async function killAndRestartHub(hub: HubProcess, downMs = 0): Promise<void> {
  const pid = listenerPid(hub.port);
  if (!pid) throw new Error(`nothing listens on ${hub.port}`);
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 15_000;
  while (listenerPid(hub.port) !== null) {
    if (Date.now() > deadline) throw new Error('the killed hub still listens');
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, downMs));
  // start() refuses while the killed process has not reported its exit yet.
  for (;;) {
    try {
      return await hub.start();
    } catch (error) {
      if (!String(error).includes('already running') || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
