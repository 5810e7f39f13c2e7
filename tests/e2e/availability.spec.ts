import { openRepBrowser } from './support/browsers';
import { expect, test } from './support/fixtures';
import { signIn } from './support/helpers';

/**
 * FEATURES A2 and A3 in the popup: a super user who is in no queue still sees who works in every chat;
 * a rep chooses Offline in their popup, the hub has it (the super user's list drops them), and the
 * popup still shows Offline after a reopen; back Online, they are listed again.
 */
test('a super user in no queue sees who works in each chat; a rep goes offline and back from the popup', async ({
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(120_000);
  const anna = await openRepBrowser();
  try {
    await signIn(page, extensionId, hub.url, 'alex@demo.parley.test');
    const working = page.getByRole('region', { name: 'Who is working' });
    await expect(working.getByRole('heading', { name: 'Demo shop' })).toBeVisible();
    await expect(working.getByText('No colleague is working here')).toBeVisible();

    const annaPopup = await anna.context.newPage();
    await signIn(annaPopup, anna.extensionId, hub.url, 'anna@demo.parley.test');
    await expect(working.getByRole('list', { name: 'Demo shop' }).getByRole('listitem')).toHaveText([
      'Anna Rossi — Online',
    ]);

    const availability = annaPopup.getByRole('group', { name: 'Availability' });
    await availability.getByRole('radio', { name: 'Offline' }).check();
    await expect(working.getByText('No colleague is working here')).toBeVisible();
    await expect(annaPopup.getByRole('alert')).toHaveCount(0);
    await annaPopup.reload();
    await expect(
      annaPopup.getByRole('group', { name: 'Availability' }).getByRole('radio', { name: 'Offline' }),
    ).toBeChecked();

    await annaPopup.getByRole('group', { name: 'Availability' }).getByRole('radio', { name: 'Online' }).check();
    await expect(working.getByRole('list', { name: 'Demo shop' }).getByRole('listitem')).toHaveText([
      'Anna Rossi — Online',
    ]);
  } finally {
    await anna.close();
  }
});
