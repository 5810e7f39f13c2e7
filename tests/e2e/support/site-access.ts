import type { BrowserContext, Page, Worker } from '@playwright/test';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchParleyProfile, type ParleyProfile } from './browsers';
import { EXTENSION_DIR } from './fixtures';
import { makeTempDir, removeTempDir } from './temp-dirs';

/**
 * Granting a site to the extension in a headless test. The product asks with
 * permissions.request() from the popup, which shows a browser prompt Playwright cannot answer
 * (microsoft/playwright#32755: out of scope), and chrome.developerPrivate.addHostPermission does not
 * grant an *optional* host permission (tried: origins stay empty).
 *
 * What does work is Chrome's own site-access control: a copy of the build whose manifest also lists
 * the loopback origin as a host permission, withheld at once ("on click", as a user can set it on
 * chrome://extensions), then granted from chrome://extensions with developerPrivate — the same call
 * the "Add site" button makes. The extension sees exactly what it sees after the popup's prompt:
 * permissions.getAll() gains the origin and permissions.onAdded fires. Only the test copy's
 * manifest differs; the product keeps the site optional.
 */
export const LOOPBACK_ORIGIN = 'http://127.0.0.1/*';

export function grantableExtensionDir(): { dir: string; dispose(): void } {
  const dir = makeTempDir('parley-e2e-ext-');
  try {
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.host_permissions = [LOOPBACK_ORIGIN];
    writeFileSync(manifestPath, JSON.stringify(manifest));
  } catch (error) {
    removeTempDir(dir);
    throw error;
  }
  return { dir, dispose: () => removeTempDir(dir) };
}

export interface GrantableBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Grants the loopback origin the way a user does on chrome://extensions. */
  grant(): Promise<void>;
  close(): Promise<void>;
}

export async function openGrantableBrowser(): Promise<GrantableBrowser> {
  const extension = grantableExtensionDir();
  let browser: ParleyProfile;
  try {
    browser = await launchParleyProfile(extension.dir);
  } catch (error) {
    extension.dispose();
    throw error;
  }
  const close = async () => {
    await browser.close();
    extension.dispose();
  };
  try {
    return await withSiteAccessControl(browser, close);
  } catch (error) {
    await close();
    throw error;
  }
}

/** Withholds the loopback origin ("on click") and offers the grant, through chrome://extensions. */
async function withSiteAccessControl(
  { context, worker, extensionId }: ParleyProfile,
  close: () => Promise<void>,
): Promise<GrantableBrowser> {
  const settings: Page = await context.newPage();
  await settings.goto('chrome://extensions');
  const developerPrivate = (method: string, args: unknown[]) =>
    settings.evaluate(
      ([method, args]) =>
        (globalThis as any).chrome.developerPrivate[method as string](...(args as unknown[])) as Promise<void>,
      [method, args] as const,
    );
  // Withheld: like an extension the user set to "on click"; no site granted yet.
  await developerPrivate('updateExtensionConfiguration', [{ extensionId, hostAccess: 'ON_CLICK' }]);
  return {
    context,
    worker,
    extensionId,
    grant: () => developerPrivate('addHostPermission', [extensionId, LOOPBACK_ORIGIN]),
    close,
  };
}
