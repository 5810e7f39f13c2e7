// The background worker's wake → socket open: MV3 stops an idle worker, and every wake (an alarm, a
// message, the panel opening) starts it afresh; the rep is reachable again only once its socket is
// open. A loopback WebSocket server stands in for the hub and notes when each connection opens; the
// worker is stopped and started through the DevTools protocol (ServiceWorker domain), and each wake
// is timed from the start request, and from the new worker's own time origin (script start).
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { chromiumPath } from '../scripts/browsers.mjs';
import { ARGS, REP } from './sidepanel.mjs';

export async function workerWake({ runs = 7 } = {}) {
  const opened = [];
  let waiting = null;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', () => {
    const at = performance.timeOrigin + performance.now();
    opened.push(at);
    waiting?.(at);
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const hubUrl = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'parley-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
    locale: 'en-US',
  });
  try {
    const isParley = (w) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
    let worker =
      context.serviceWorkers().find(isParley) ?? (await context.waitForEvent('serviceworker', { predicate: isParley }));
    const origin = `chrome-extension://${new URL(worker.url()).host}/`;
    const connected = () => new Promise((resolve) => (waiting = resolve));
    const first = connected();
    await worker.evaluate(
      ({ rep, hubUrl }) => chrome.storage.local.set({ hubUrl, sessionToken: 'bench-token', repProfile: rep }),
      { rep: REP, hubUrl },
    );
    await worker.evaluate(() => chrome.alarms.create('parley-ensure-connection', { when: Date.now() }));
    await first;
    // A page of no origin of ours: it only carries the DevTools session that stops and starts workers.
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const samples = [];
    for (let i = 0; i < runs; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 300));
      const reconnected = connected();
      const asked = performance.timeOrigin + performance.now();
      await cdp.send('ServiceWorker.startWorker', { scopeURL: origin });
      const at = await Promise.race([
        reconnected,
        new Promise((_, fail) => setTimeout(() => fail(new Error('the worker did not reconnect within 10 s')), 10_000)),
      ]);
      worker =
        context.serviceWorkers().find(isParley) ??
        (await context.waitForEvent('serviceworker', { predicate: isParley }));
      const born = await worker.evaluate(() => performance.timeOrigin);
      samples.push({ fromStart: at - asked, fromScript: at - born });
    }
    return samples;
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    server.close();
  }
}
