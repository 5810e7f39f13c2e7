import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, CHROMIUM } from './fixtures';
import { openWidgetShadowForTests } from './widget-shadow';

/** Another rep at another desk: a second browser profile with Parley loaded. */
export interface RepBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

export async function openRepBrowser(): Promise<RepBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'parley-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: chromiumArgs(), locale: 'en-US' });
  await openWidgetShadowForTests(context);
  const isParley = (w: Worker) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
  const worker = context.serviceWorkers().find(isParley) ?? (await context.waitForEvent('serviceworker', { predicate: isParley }));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
