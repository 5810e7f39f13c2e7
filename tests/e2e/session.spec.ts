import { expect, test } from './support/fixtures';
import { freePort } from './support/hub';
import { badgeText, extensionUrl, openPopup, signIn, submitSignIn } from './support/helpers';

/** Signing in and out from the popup, as the rep sees it in the popup and the side panel. */

test('a wrong password shows an alert and leaves the rep signed out', async ({ hub, extensionId, page, context }) => {
  await openPopup(page, extensionId);
  await submitSignIn(page, hub.url, 'anna@demo.parley.test', 'not-the-password');

  await expect(page.getByRole('alert')).toHaveText('Sign-in failed: wrong email or password.');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();

  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  await expect(panel.getByText('You are signed out.')).toBeVisible();
  await expect(panel.getByText('Connection: Signed out')).toBeVisible();
});

test('a hub that is not there is reported as unreachable', async ({ extensionId, page }) => {
  const nowhere = `http://127.0.0.1:${await freePort()}`;
  await openPopup(page, extensionId);
  await submitSignIn(page, nowhere, 'anna@demo.parley.test');
  await expect(page.getByRole('alert')).toHaveText(`Cannot reach the hub at ${nowhere}`);
});

test('signing out returns the side panel to the signed-out notice and clears the badge', async ({
  hub,
  extensionId,
  page,
  context,
}) => {
  await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');

  // A visitor waiting, so there is a badge to clear and a conversation to forget.
  const shop = await context.newPage();
  await shop.goto(`${hub.url}/demo/shop.html`);
  await shop.getByRole('button', { name: 'Chat with us' }).click();
  await shop.getByRole('textbox', { name: 'Message' }).fill('Is anyone there?');
  await shop.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => badgeText(context, extensionId), { timeout: 15_000 }).toBe('1');

  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  await expect(
    panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: /Is anyone there\?/ }),
  ).toBeVisible();

  await page.bringToFront();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(panel.getByText('You are signed out.')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Pending' })).toHaveCount(0);
  await expect.poll(() => badgeText(context, extensionId)).toBe('');

  // Reopening the panel does not bring the old inbox back.
  await panel.reload();
  await expect(panel.getByText('You are signed out.')).toBeVisible();
});
