import { expect, test } from './support/fixtures';
import { signIn } from './support/helpers';

/**
 * Popup modes (FEATURES A4): offered only within the rep's role; a switch goes to the hub, which stores
 * the new mode and sends the profile back, so the popup still shows it after a reopen.
 */
test('a rep is offered no mode; a supervisor switches between Rep and Observer through the hub', async ({
  hub,
  extensionId,
  page,
}) => {
  await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
  await expect(page.getByRole('radio', { name: 'Online' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Mode' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, extensionId, hub.url, 'sara@demo.parley.test');
  const modes = page.getByRole('group', { name: 'Mode' });
  await expect(modes.getByRole('radio')).toHaveCount(2);
  await expect(modes.getByRole('radio', { name: 'Observer' })).toBeChecked();
  await expect(modes.getByRole('radio', { name: 'Super user' })).toHaveCount(0);

  await modes.getByRole('radio', { name: 'Rep' }).check();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('group', { name: 'Mode' }).getByRole('radio', { name: 'Rep' })).toBeChecked();
  await expect(page.getByText('Connection: Connected')).toBeVisible({ timeout: 15_000 });
});
