import { resolve } from 'node:path';
import { expect, test } from '../tests/e2e/support/fixtures';
import { extensionUrl, signIn } from '../tests/e2e/support/helpers';
import { visitorClient } from '../tests/e2e/support/hub-clients';
import { openGrantableBrowser } from '../tests/e2e/support/site-access';

/**
 * Makes the README's pictures (scripts/screenshots.config.ts): the side panel (inbox, conversation,
 * contact card), the popup, the page icon on the demo CRM page and the widget on the demo shop —
 * a rep, Anna, answering a demo customer who wrote from the shop, with two more chats waiting.
 */
const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const shot = (name: string) => ({ path: `${OUT}/${name}.png`, animations: 'disabled', caret: 'hide' }) as const;

test('pictures for the README', async ({ hub }) => {
  test.setTimeout(240_000);
  const anna = await openGrantableBrowser();
  const others = [await visitorClient(hub.url), await visitorClient(hub.url)];
  try {
    const popup = await anna.context.newPage();
    await popup.setViewportSize({ width: 360, height: 760 });
    await signIn(popup, anna.extensionId, hub.url, 'anna@demo.parley.test');

    // A customer on the shop writes and leaves her email; two more visitors wait.
    const shop = await anna.context.newPage();
    await shop.setViewportSize({ width: 1100, height: 760 });
    await shop.goto(`${hub.url}/demo/shop.html`);
    await shop.getByRole('button', { name: 'Chat with us' }).click();
    await shop.getByRole('textbox', { name: 'Message' }).fill('Hello! Do the oak chairs come in a darker finish?');
    await shop.getByRole('button', { name: 'Send', exact: true }).click();
    await shop.getByLabel('Your name (optional)').fill('Jonas Keller');
    await shop.getByLabel('Your email').fill('jonas.keller@example.com');
    await shop.getByRole('button', { name: 'Save details' }).click();
    await others[0]!.say('Is the brass desk lamp still in stock?');
    await others[1]!.say('Can I change the delivery address of my order?');

    const panel = await anna.context.newPage();
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.goto(extensionUrl(anna.extensionId, 'sidepanel.html'));
    const pending = panel.getByRole('region', { name: 'Pending' });
    await expect(pending.getByRole('listitem')).toHaveCount(3, { timeout: 30_000 });
    await panel.screenshot(shot('sidepanel-inbox'));

    await pending.getByRole('button', { name: /darker finish/ }).click();
    await panel.getByRole('button', { name: 'Take' }).click();
    await panel.getByRole('textbox', { name: 'Reply' }).fill('Yes — walnut and smoked oak. Shall I send you both?');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(shop.getByText('Yes — walnut and smoked oak. Shall I send you both?')).toBeVisible({
      timeout: 15_000,
    });
    const card = panel.getByRole('complementary', { name: 'Contact card' });
    await expect(card.getByText('Jonas Keller', { exact: true })).toBeVisible({ timeout: 20_000 });
    await panel.screenshot(shot('sidepanel-conversation'));

    await panel.setViewportSize({ width: 680, height: 900 });
    for (const section of ['Customer tags', 'Recent emails'])
      await card.getByRole('button', { name: `Expand ${section}` }).click();
    await panel.screenshot(shot('sidepanel-card'));

    await popup.reload();
    await expect(popup.getByRole('region', { name: 'Who is working' })).toBeVisible();
    await popup.screenshot({ ...shot('popup'), fullPage: true });

    await expect(shop.getByRole('log', { name: 'Conversation' })).toBeVisible();
    await shop.screenshot(shot('widget'));

    await anna.grant();
    const crm = await anna.context.newPage();
    await crm.setViewportSize({ width: 1100, height: 640 });
    await crm.goto(`${hub.url}/demo/crm.html`);
    await expect(crm.locator('parley-companion').getByRole('button', { name: /^Parley chats: 2 pending/ })).toBeVisible(
      { timeout: 20_000 },
    );
    await crm.screenshot(shot('page-icon'));
  } finally {
    others.forEach((v) => v.close());
    await anna.close();
  }
});
