import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { chromiumArgs, CHROMIUM, EXTENSION_DIR } from './fixtures';
import { makeTempDir, removeTempDir } from './temp-dirs';
import { openWidgetShadowForTests } from './widget-shadow';

/** A browser profile of its own with Parley loaded; `close` also deletes the profile. */
export interface ParleyProfile {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

const isParleyWorker = (w: Worker) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');

/**
 * Launches Chromium on a fresh temporary profile with the extension at `extensionDir`. If the
 * launch or the wait for the extension's worker fails, the browser is closed and the profile
 * deleted before the error is passed on.
 */
export async function launchParleyProfile(extensionDir = EXTENSION_DIR): Promise<ParleyProfile> {
  const profile = makeTempDir('parley-e2e-profile-');
  let context: BrowserContext | null = null;
  const close = async () => {
    // A browser that already died must not keep its profile on disk.
    await context?.close().catch(() => {});
    removeTempDir(profile);
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs(extensionDir),
      locale: 'en-US',
    });
    await openWidgetShadowForTests(context);
    const worker =
      context.serviceWorkers().find(isParleyWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isParleyWorker }));
    return { context, worker, extensionId: new URL(worker.url()).host, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Another rep at another desk: a second browser profile with Parley loaded. */
export interface RepBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

export async function openRepBrowser(): Promise<RepBrowser> {
  const { context, extensionId, close } = await launchParleyProfile();
  return { context, extensionId, close };
}
