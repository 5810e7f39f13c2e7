import { expect, type BrowserContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'parley-demo';

/** A demo account's session token, signed in over the hub's REST API (for calls a test makes as that person). */
export async function hubToken(hubUrl: string, email: string): Promise<string> {
  const res = await fetch(`${hubUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** chrome-extension://ID/PATH */
export const extensionUrl = (extensionId: string, path: string) => `chrome-extension://${extensionId}/${path}`;

/** The popup opened as a tab (a toolbar popup cannot be driven headless). */
export async function openPopup(page: Page, extensionId: string): Promise<Page> {
  await page.goto(extensionUrl(extensionId, 'popup.html'));
  return page;
}

/** Fills the popup's sign-in form; does not wait for the outcome. */
export async function submitSignIn(page: Page, hubUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Hub URL').fill(hubUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the popup UI and waits until the worker's hub connection is up. */
export async function signIn(page: Page, extensionId: string, hubUrl: string, email: string): Promise<void> {
  await openPopup(page, extensionId);
  await submitSignIn(page, hubUrl, email);
  await expect(page.getByText('Connection: Connected')).toBeVisible({ timeout: 15_000 });
}

/**
 * The toolbar badge, read in the extension's service worker. Looked up afresh each call: if
 * Chromium restarts the worker, an old handle would be dead.
 */
export async function badgeText(context: BrowserContext, extensionId: string): Promise<string> {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('the extension has no running service worker');
  return worker.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}) as Promise<string>);
}

/**
 * The rep's token as the extension keeps it, in its own IndexedDB (utils/session-token.ts: database
 * `parley-session`, table `secrets`, key `token`); run in the worker with `worker.evaluate`.
 */
export function readSessionToken(): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('parley-session');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('secrets').objectStore('secrets').get('token');
      get.onerror = () => reject(get.error);
      get.onsuccess = () => resolve((get.result as { value: string } | undefined)?.value ?? null);
    };
  });
}
