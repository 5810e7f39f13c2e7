import { expect, test } from './support/fixtures';
import { signIn } from './support/helpers';
import { visitorClient } from './support/hub-clients';
import { openPanel, openShopChat, widget } from './support/shop';

/**
 * The conversation panel (FEATURES D1, D6, D7, D9): search highlights in a conversation and across
 * conversations from the local cache, tags with the inbox filter, an internal note the visitor never
 * sees, and the emoji picker by keyboard — the built extension against a real hub.
 */
const ANNA = 'anna@demo.parley.test';

test('search highlights a phrase in the conversation and across conversations; tags filter the inbox; notes stay internal; emoji by keyboard', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, extensionId, hub.url, ANNA);
  const shop = await openShopChat(context, hub.url, [
    'Hello, I need help',
    'My parcel 7781 never arrived',
    'Tracking says PARCEL 7781 is lost?',
    'thanks',
  ]);
  const panel = await openPanel(context, extensionId);

  await panel
    .getByRole('region', { name: 'Pending' })
    .getByRole('button', { name: /thanks/ })
    .click();
  await panel.getByRole('button', { name: 'Take' }).click();
  await expect(panel.getByText('Active with Anna Rossi')).toBeVisible({ timeout: 15_000 });
  const messages = panel.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('thanks', { exact: true })).toBeVisible();

  // Search in the conversation: only matching lines stay, each hit marked, as text.
  await panel.getByRole('button', { name: 'Search this conversation' }).click();
  await panel.getByRole('searchbox', { name: 'Phrase' }).fill('parcel 7781');
  await expect(panel.getByRole('status').filter({ hasText: 'matching' })).toHaveText('2 matching');
  await expect(messages.locator('.message-text')).toHaveText([
    'My parcel 7781 never arrived',
    'Tracking says PARCEL 7781 is lost?',
  ]);
  await expect(messages.locator('mark.hit')).toHaveText(['parcel 7781', 'PARCEL 7781']);
  // A day filter with no lines on it empties the list; clearing brings every line back.
  await panel.getByLabel('From', { exact: true }).fill('2001-01-01');
  await panel.getByLabel('To', { exact: true }).fill('2001-01-02');
  await expect(panel.getByRole('status').filter({ hasText: 'matching' })).toHaveText('0 matching');
  await panel.getByRole('button', { name: 'Clear search' }).click();
  await expect(messages.locator('.message-text')).toHaveCount(4);
  await expect(messages.locator('mark')).toHaveCount(0);

  // Tags: add two, remove one; the inbox filter lists the tag and narrows the folders.
  await panel.getByRole('textbox', { name: 'New tag' }).fill('  Lost   Parcel ');
  await panel.getByRole('button', { name: 'Add tag' }).click();
  const tags = panel.getByRole('list', { name: 'Tags' });
  await expect(tags.getByRole('listitem')).toHaveText([/lost parcel/]);
  await panel.getByRole('textbox', { name: 'New tag' }).fill('refund');
  await panel.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByRole('listitem')).toHaveText([/lost parcel/, /refund/]);
  await panel.getByRole('button', { name: 'Remove tag refund' }).click();
  await expect(tags.getByRole('listitem')).toHaveText([/lost parcel/]);

  // An internal note: in the rep's timeline, never in the widget.
  await panel.getByRole('button', { name: 'Add internal note' }).click();
  await panel.getByRole('textbox', { name: 'Internal note' }).fill('Customer called twice about 7781');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(messages.locator('.message.note')).toContainText('Customer called twice about 7781');

  // Emoji by keyboard: open the picker, search, pick with Enter; it lands in the reply box.
  const reply = panel.getByRole('textbox', { name: 'Reply' });
  await reply.fill('Sorry about that ');
  await panel.getByRole('button', { name: 'Insert emoji' }).focus();
  await panel.keyboard.press('Enter');
  const picker = panel.getByRole('dialog', { name: 'Emoji' });
  await expect(picker.getByRole('combobox', { name: 'Search' })).toBeFocused({ timeout: 20_000 });
  await panel.keyboard.type('package');
  await expect(picker.getByRole('option', { name: /package/i }).first()).toBeVisible({ timeout: 10_000 });
  await panel.keyboard.press('ArrowDown');
  await panel.keyboard.press('Enter');
  // The picker's data writes the emoji with its presentation selector (U+FE0F).
  await expect(reply).toHaveValue(/^Sorry about that 📦\uFE0F?$/u);
  const sent = await reply.inputValue();
  await expect(picker).toBeHidden();
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(widget(shop).log.getByText(sent, { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(messages.getByText(sent, { exact: true })).toBeVisible();
  expect(await widget(shop).log.textContent()).not.toContain('Customer called twice');

  // A second visitor mentions the parcel too.
  const other = await visitorClient(hub.url);
  await other.say('Is parcel 7781 mine?');
  // Back to the inbox: search every conversation from the cache; a result opens with the phrase marked.
  await panel.getByRole('button', { name: 'Back to inbox' }).click();
  await panel.getByRole('searchbox', { name: 'Search all conversations' }).fill('parcel 77');
  const results = panel.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('button')).toHaveCount(3, { timeout: 15_000 });
  await expect(results.locator('mark.hit').first()).toHaveText(/parcel 77/i);
  await results.getByRole('button', { name: /never arrived/ }).click();
  await expect(messages.locator('mark.hit')).toHaveText(['parcel 77', 'PARCEL 77']);

  // The tag filter narrows the folders to the tagged conversation.
  await panel.getByRole('button', { name: 'Back to inbox' }).click();
  await panel.getByLabel('Filter by tag').selectOption('lost parcel');
  await expect(
    panel.getByRole('region', { name: 'Active' }).getByRole('button', { name: /Sorry about that/ }),
  ).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: /mine\?/ })).toHaveCount(0);
  await panel.getByLabel('Filter by tag').selectOption('');
  await expect(panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: /mine\?/ })).toBeVisible();
  other.close();
});
