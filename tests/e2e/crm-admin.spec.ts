import AxeBuilder from '@axe-core/playwright';
import { openRepBrowser } from './support/browsers';
import { linkSuggestedRecord, takeChatAsAnna as takeChat, visitorWithEmail } from './support/crm-visitor';
import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';

/**
 * Issue 6, the super user's side (FEATURES E4, E5, H3): card fields and distribution pools set on the
 * options page reach the rep's contact card and create lead. Real hub, real extension in two browsers.
 */

test("a super user's card fields reach the rep's card: a field hidden, a custom one added, moved by keyboard and filled in by the rep", async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(180_000);
  const alex = await openRepBrowser();
  try {
    await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
    await visitorWithEmail(context, hub.url, 'Is the oak table in stock?', 'jonas.keller@example.com');
    const panel = await takeChat(context, extensionId, /Is the oak table in stock/);
    await linkSuggestedRecord(panel, 'Jonas Keller');
    const details = panel
      .getByRole('complementary', { name: 'Contact card' })
      .getByRole('region', { name: 'Contact details' });
    await expect(details.getByText('Torstraße 5, Berlin')).toBeVisible({ timeout: 20_000 });
    await expect(details.locator('dt')).toHaveText(['Email', 'Phone', 'Address', 'Company', 'Owner', 'Created']);

    const options = await alex.context.newPage();
    await signIn(options, alex.extensionId, hub.url, 'alex@demo.parley.test');
    await options.goto(extensionUrl(alex.extensionId, 'options.html#crm'));
    const person = options.getByRole('region', { name: 'Card fields' }).getByRole('region', { name: 'Person fields' });
    await person.getByRole('checkbox', { name: 'Show Address' }).uncheck();

    // A bad key is refused beside its input; a good one joins the list.
    await person.getByLabel('Key').fill('Loyalty Tier');
    await person.getByLabel('Label').fill('Loyalty tier');
    await person.getByRole('button', { name: 'Add field' }).click();
    await expect(
      person.getByText('Use lower-case letters, digits and _, starting with a letter (at most 40).'),
    ).toBeVisible();
    await expect(person.getByLabel('Key')).toHaveAttribute('aria-invalid', 'true');
    await person.getByLabel('Key').fill('loyalty_tier');
    await person.getByLabel('Type').selectOption({ label: 'Text' });
    await person.getByRole('button', { name: 'Add field' }).click();
    const list = person.getByRole('list', { name: 'Person fields' });
    await expect(list.getByRole('listitem').last()).toContainText('Loyalty tier');

    // To the top by keyboard: focus stays on the moved field's button, so Enter keeps moving it.
    await list.getByRole('button', { name: 'Move Loyalty tier up' }).focus();
    for (let i = 0; i < 7; i++) await options.keyboard.press('Enter');
    await expect(list.getByRole('listitem').first()).toContainText('Loyalty tier');
    await expect(list.getByRole('button', { name: 'Move Loyalty tier up' })).toBeDisabled();
    await person.getByRole('button', { name: 'Save Person fields' }).click();
    await expect(person.getByRole('status')).toHaveText('Saved.');
    const axe = await new AxeBuilder({ page: options }).include('.crm-layouts-settings').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Stored on the hub: a fresh page shows the saved list.
    await options.reload();
    const again = options.getByRole('region', { name: 'Person fields' });
    await expect(again.getByRole('list', { name: 'Person fields' }).getByRole('listitem').first()).toContainText(
      'Loyalty tier',
    );
    await expect(again.getByRole('checkbox', { name: 'Show Address' })).not.toBeChecked();

    // The rep's card, loaded again, follows the layout.
    await panel.reload();
    await panel
      .getByRole('region', { name: 'Active' })
      .getByRole('button', { name: /Is the oak table in stock/ })
      .click();
    await expect(details.locator('dt')).toHaveText(['Loyalty tier', 'Email', 'Phone', 'Company', 'Owner', 'Created'], {
      timeout: 20_000,
    });
    await expect(details.getByText('Torstraße 5, Berlin')).toHaveCount(0);

    // Ben owns Jonas's record, but Anna answers his chat, so she may edit it: she sets the new field.
    await details.getByRole('button', { name: 'Edit Loyalty tier' }).click();
    await details.getByRole('textbox', { name: 'Loyalty tier' }).fill('Gold');
    await details.getByRole('button', { name: 'Save' }).click();
    await expect(details.locator('dt[data-field="loyalty_tier"] + dd')).toContainText('Gold', { timeout: 15_000 });
    await panel.reload();
    await panel
      .getByRole('region', { name: 'Active' })
      .getByRole('button', { name: /Is the oak table in stock/ })
      .click();
    await expect(details.locator('dt[data-field="loyalty_tier"] + dd')).toContainText('Gold', { timeout: 20_000 });
  } finally {
    await alex.close();
  }
});

test('a pool made on the options page takes the next lead in turn; reps do not get the editors', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(180_000);
  const alex = await openRepBrowser();
  try {
    await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
    const annaOptions = await context.newPage();
    await annaOptions.goto(extensionUrl(extensionId, 'options.html'));
    await expect(annaOptions.getByText('Only super users can change card fields and distribution pools.')).toBeVisible({
      timeout: 15_000,
    });
    await expect(annaOptions.getByRole('region', { name: 'Distribution pools' })).toHaveCount(0);

    const options = await alex.context.newPage();
    await signIn(options, alex.extensionId, hub.url, 'alex@demo.parley.test');
    await options.goto(extensionUrl(alex.extensionId, 'options.html#crm'));
    const pools = options.getByRole('region', { name: 'Distribution pools' });
    await expect(pools.getByRole('form', { name: 'Sales team' })).toBeVisible({ timeout: 15_000 });
    const fresh = pools.getByRole('form', { name: 'New pool' });
    await fresh.getByRole('button', { name: 'Create pool' }).click();
    await expect(fresh.getByText('Give a name of at most 80 characters, without control characters.')).toBeVisible();
    await fresh.getByLabel('Pool name').fill('Inside sales');
    await fresh.getByRole('checkbox', { name: 'Ben Novak in New pool' }).check();
    await fresh.getByRole('button', { name: 'Create pool' }).click();
    await expect(fresh.getByRole('status')).toHaveText('Pool Inside sales created.');
    const inside = pools.getByRole('form', { name: 'Inside sales' });
    await expect(inside.getByRole('checkbox', { name: 'Ben Novak in Inside sales' })).toBeChecked();
    const axe = await new AxeBuilder({ page: options }).include('.pools-settings').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // The hub refuses a second pool of the same name, and says so.
    await fresh.getByLabel('Pool name').fill('inside SALES');
    await fresh.getByRole('button', { name: 'Create pool' }).click();
    await expect(fresh.getByRole('alert')).toContainText('already exists');

    // Anna gives a new lead to the pool: Ben, its only member, gets it.
    await visitorWithEmail(context, hub.url, 'Please call me back', 'call.me@shop.test');
    const panel = await takeChat(context, extensionId, /Please call me back/);
    const card = panel.getByRole('complementary', { name: 'Contact card' });
    await card.getByRole('button', { name: 'Create lead…' }).click({ timeout: 20_000 });
    const form = card.getByRole('form', { name: 'Create lead' });
    await form.getByLabel('Give to').selectOption({ label: 'Inside sales (round robin)' });
    await form.getByRole('button', { name: 'Create lead' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Inside sales' })).toContainText('Ben Novak', {
      timeout: 20_000,
    });

    // Renamed with Anna added, then deleted.
    await inside.getByLabel('Pool name').fill('Key accounts');
    await inside.getByRole('checkbox', { name: 'Anna Rossi in Inside sales' }).check();
    await inside.getByRole('button', { name: 'Save pool Inside sales' }).click();
    const renamed = pools.getByRole('form', { name: 'Key accounts' });
    await expect(renamed.getByRole('status')).toHaveText('Saved.');
    await options.reload();
    await expect(renamed.getByRole('checkbox', { name: 'Anna Rossi in Key accounts' })).toBeChecked({
      timeout: 15_000,
    });
    await renamed.getByRole('button', { name: 'Delete pool Key accounts' }).click();
    await options
      .getByRole('dialog', { name: 'Delete pool Key accounts' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(pools.getByRole('status').filter({ hasText: 'Pool Key accounts deleted.' })).toBeVisible();
    await expect(renamed).toHaveCount(0);
  } finally {
    await alex.close();
  }
});
