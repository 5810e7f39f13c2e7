import { test as base, chromium, type BrowserContext, type TestInfo, type Worker } from '@playwright/test';
import { resolve } from 'node:path';
import { chromiumPath } from '../../../scripts/browsers.mjs';
import { launchHub, type HubProcess } from './hub';
import { withTempDir, removeTempDir } from './temp-dirs';
import { openWidgetShadowForTests } from './widget-shadow';

/** The unpacked extension as `wxt build` writes it. */
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3');
/** PARLEY_CHROMIUM, else Debian's, else Playwright's own (scripts/browsers.mjs). */
export const CHROMIUM = chromiumPath();

/** Flags Debian's Chromium needs on this machine (see /work/shared/TOOLCHAIN.md). */
export const chromiumArgs = (extensionDir = EXTENSION_DIR) => [
  '--no-sandbox', // runs as root
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  // No network here: background fetches only pile up refused connections.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--lang=en-US', // the extension's strings come from the browser UI language
];

interface Fixtures {
  /** A hub of its own per test: fresh data dir, free port, demo data. */
  hub: HubProcess;
  /** Persistent context (extensions need one) in a fresh temp profile, with Parley loaded. */
  context: BrowserContext;
  /** The extension's background service worker. */
  worker: Worker;
  extensionId: string;
}

/** Gives a started hub to the test, attaches its log when the test failed, and disposes of it. */
export async function lendHub(hub: HubProcess, use: (hub: HubProcess) => Promise<void>, testInfo: TestInfo) {
  try {
    await use(hub);
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('hub.log', { body: hub.output(), contentType: 'text/plain' });
  } finally {
    await hub.dispose();
  }
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
  hub: async ({}, use, testInfo) => lendHub(await launchHub(), use, testInfo),

  // eslint-disable-next-line no-empty-pattern -- as above: no dependencies
  context: async ({}, use) => {
    let profile = '';
    const context = await withTempDir('parley-e2e-profile-', async (dir) => {
      profile = dir;
      const launched = await chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        headless: true, // Chromium 156's --headless is the new headless mode, which runs extensions
        args: chromiumArgs(),
        locale: 'en-US',
      });
      await openWidgetShadowForTests(launched).catch(async (error) => {
        await launched.close().catch(() => {});
        throw error;
      });
      return launched;
    });
    try {
      await use(context);
    } finally {
      // A browser that already died must not keep its profile on disk.
      await context.close().catch(() => {});
      removeTempDir(profile);
    }
  },

  worker: async ({ context }, use) => {
    const worker =
      context.serviceWorkers().find(isParleyWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isParleyWorker }));
    await use(worker);
  },

  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
});

export { expect } from '@playwright/test';

function isParleyWorker(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://') && worker.url().endsWith('/background.js');
}
