import AxeBuilder from '@axe-core/playwright';
import { openRepBrowser } from './support/browsers';
import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';

/**
 * FEATURES D5 / H3, issue 5: a super user writes a template with placeholders on the options page; the
 * rep's open side panel gets it live; "/" in the composer opens the picker, the rep finds it by
 * keyboard, fills the placeholder the panel cannot know, edits the text and sends it; the visitor
 * receives exactly that text.
 */
const TEXT = 'Hi {visitor.name}, {rep.name} here. Your parcel {parcel.number} left our warehouse today.';

test('a template with placeholders, written by a super user, is filled and inserted in the rep’s composer, and a deletion reaches the rep', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(150_000);
  const alex = await openRepBrowser();
  try {
    await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
    const shop = await context.newPage();
    await shop.goto(`${hub.url}/demo/shop.html`);
    await shop.getByRole('button', { name: 'Chat with us' }).click();
    await shop.getByRole('textbox', { name: 'Message' }).fill('Where is my parcel?');
    await shop.getByRole('button', { name: 'Send', exact: true }).click();

    const panel = await context.newPage();
    await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
    await panel
      .getByRole('region', { name: 'Pending' })
      .getByRole('button', { name: /Where is my parcel\?/ })
      .click();
    await panel.getByRole('button', { name: 'Take' }).click();
    await expect(panel.getByText('Active with Anna Rossi')).toBeVisible({ timeout: 15_000 });
    const reply = panel.getByRole('textbox', { name: 'Reply' });

    // The demo templates are there already (English first: the panel runs in English).
    await reply.press('/');
    const search = panel.getByRole('combobox', { name: 'Search templates' });
    await expect(search).toBeFocused();
    const options = panel.getByRole('listbox', { name: 'Templates' }).getByRole('option');
    await expect(options.filter({ hasText: 'Welcome' })).toBeVisible();
    await expect(options.filter({ hasText: 'Benvenuto' })).toHaveCount(0);
    const axe = await new AxeBuilder({ page: panel }).include('.template-picker').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await search.press('Escape');
    await expect(search).toBeHidden();
    await expect(reply).toBeFocused();
    await expect(reply).toHaveValue('');

    // The super user adds a template on the options page, in another browser.
    const options$ = await alex.context.newPage();
    await signIn(options$, alex.extensionId, hub.url, 'alex@demo.parley.test');
    await options$.goto(extensionUrl(alex.extensionId, 'options.html#templates'));
    const form = options$.getByRole('form', { name: 'New template' });
    await form.getByLabel('Chat').selectOption({ label: 'Demo shop' });
    await form.getByLabel('Language').selectOption('en');
    await form.getByLabel('Category').fill('Shipping');
    await form.getByLabel('Title').fill('Parcel sent');
    await form.getByLabel('Text').fill(TEXT);
    await form.getByRole('button', { name: 'Add template' }).click();
    await expect(options$.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(options$.getByRole('button', { name: 'Edit template “Parcel sent”' })).toBeVisible();

    // The rep's panel has it without reloading; found by its category, picked with the keyboard.
    await reply.fill('Good news! ');
    await reply.press('End');
    await panel.getByRole('button', { name: 'Templates' }).click();
    await search.fill('shipping');
    await expect(options).toHaveCount(1, { timeout: 20_000 });
    await expect(options.first()).toContainText('Parcel sent');
    await search.press('ArrowDown');
    await search.press('Enter');

    // The visitor gave no name and the parcel number is the rep's to say: both are asked for.
    const prompt = panel.getByRole('form', { name: 'Fill in the template “Parcel sent”' });
    await expect(prompt.getByLabel('Visitor’s name')).toBeFocused();
    await prompt.getByRole('button', { name: 'Insert', exact: true }).click();
    await expect(prompt.getByText('Fill this in before inserting')).toHaveCount(2);
    await prompt.getByLabel('Visitor’s name').fill('Maria');
    await prompt.getByLabel('parcel.number').fill('PX-4711');
    await prompt.getByRole('button', { name: 'Insert', exact: true }).click();
    await expect(prompt).toBeHidden();

    const filled = 'Good news! Hi Maria, Anna Rossi here. Your parcel PX-4711 left our warehouse today.';
    await expect(reply).toHaveValue(filled);
    await expect(reply).toBeFocused();
    // Inserted for editing: the rep adds a line before sending.
    await reply.press('End');
    await reply.pressSequentially(' Tracking follows by email.');
    await reply.press('Enter');
    await expect(
      shop
        .getByRole('log', { name: 'Conversation' })
        .getByText(`${filled} Tracking follows by email.`, { exact: true }),
    ).toBeVisible({ timeout: 20_000 });

    // The super user deletes it; the rep's open panel drops it too.
    await options$.getByRole('button', { name: 'Delete template “Parcel sent”' }).click();
    await options$
      .getByRole('dialog', { name: 'Delete template “Parcel sent”' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(options$.getByRole('button', { name: 'Edit template “Parcel sent”' })).toHaveCount(0);
    await panel.getByRole('button', { name: 'Templates' }).click();
    await search.fill('shipping');
    await expect(panel.getByText('No templates match')).toBeVisible({ timeout: 20_000 });
    await expect(options).toHaveCount(0);
  } finally {
    await alex.close();
  }
});
