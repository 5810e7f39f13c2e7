import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';

/**
 * Issue 7 end to end: a super user turns the routing bot on in the options page; a new visitor on
 * the demo shop is asked whether they are a customer, answers "no" with the bot's button, answers
 * the qualification questions and is handed to sales. Axe checks the widget (with the bot's
 * buttons showing), the side panel, the popup and the bot's settings form.
 */

async function noViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  const result = await (include ? builder.include(include) : builder).analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

test('the routing bot qualifies a new visitor after a super user turns it on; widget, side panel and popup pass axe', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, extensionId, hub.url, 'alex@demo.parley.test');
  await noViolations(page);

  const options = await context.newPage();
  await options.goto(extensionUrl(extensionId, 'options.html#chats'));
  const form = options.getByRole('form', { name: 'Routing bot of Demo shop' });
  await form.getByLabel('Greet new anonymous visitors with the bot').check();
  await form.getByLabel('Tags (comma-separated)').fill('lead, from-bot');
  await noViolations(options, '.bot-form');
  await form.getByRole('button', { name: 'Save bot' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.', { timeout: 15_000 });

  const shop = await context.newPage();
  await shop.goto(`${hub.url}/demo/shop.html`);
  await shop.getByRole('button', { name: 'Chat with us' }).click();
  const message = shop.getByRole('textbox', { name: 'Message' });
  const send = shop.getByRole('button', { name: 'Send', exact: true });
  const log = shop.getByRole('log', { name: 'Conversation' });
  await message.fill('Hello, I have a question');
  await send.click();
  await expect(log.getByText('Hi! Are you already a customer of ours?')).toBeVisible({ timeout: 15_000 });
  const answers = shop.getByRole('group', { name: 'Quick answers' });
  await expect(answers.getByRole('button')).toHaveText(['Yes, I am', 'No, not yet', 'Talk to a person']);
  await noViolations(shop, 'parley-widget');

  // By keyboard: the buttons are ordinary buttons.
  await answers.getByRole('button', { name: 'No, not yet' }).focus();
  await shop.keyboard.press('Enter');
  await expect(log.getByText('What are you looking for?')).toBeVisible({ timeout: 15_000 });
  await expect(answers.getByRole('button')).toHaveText(['Talk to a person']);
  await message.fill('A walnut desk lamp');
  await send.click();
  await expect(log.getByText('What email address can we reach you at?')).toBeVisible({ timeout: 15_000 });
  await message.fill('buyer@example.test');
  await send.click();
  await expect(log.getByText('Thank you! A member of our sales team will be with you shortly.')).toBeVisible({
    timeout: 15_000,
  });
  await expect(answers).toBeHidden();

  // The super user's side panel has the conversation, bot lines included.
  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  await panel
    .getByRole('region', { name: 'Pending' })
    .getByRole('button', { name: /sales team/ })
    .click();
  await expect(panel.getByRole('list', { name: 'Messages' }).getByText('What are you looking for?')).toBeVisible({
    timeout: 15_000,
  });
  await noViolations(panel);
});
