import type { Page } from '@playwright/test';
import { openRepBrowser } from './support/browsers';
import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';

/**
 * Issue 3 end to end: two reps in two browser profiles against one hub. Both see a pending chat;
 * one takes it and it leaves the other's panel; a transfer lands in the other's Active; ended (not
 * handled) comes back to its owner, handled starts afresh; a block hides the widget for the visitor.
 */
test('two reps share a pending chat, take, transfer, end, hand back, mark handled and block', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(150_000);
  const ben = await openRepBrowser();
  try {
    await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
    const benPopup = await ben.context.newPage();
    await signIn(benPopup, ben.extensionId, hub.url, 'ben@demo.parley.test');

    const annaPanel = await context.newPage();
    await annaPanel.goto(extensionUrl(extensionId, 'sidepanel.html'));
    const benPanel = await ben.context.newPage();
    await benPanel.goto(extensionUrl(ben.extensionId, 'sidepanel.html'));

    // A visitor writes; both reps see it waiting.
    const shop = await context.newPage();
    await shop.goto(`${hub.url}/demo/shop.html`);
    await shop.getByRole('button', { name: 'Chat with us' }).click();
    const say = async (text: string) => {
      await shop.getByRole('textbox', { name: 'Message' }).fill(text);
      await shop.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(shop.getByRole('log', { name: 'Conversation' }).getByText(text, { exact: true })).toBeVisible();
    };
    await say('Hello both');
    const item = (panel: Page, folder: string, text: string | RegExp) =>
      panel.getByRole('region', { name: folder }).getByRole('button', { name: text });
    await expect(item(annaPanel, 'Pending', /Hello both/)).toBeVisible();
    await expect(item(benPanel, 'Pending', /Hello both/)).toBeVisible();

    // Anna takes it: it leaves Ben's panel.
    await item(annaPanel, 'Pending', /Hello both/).click();
    await annaPanel.getByRole('button', { name: 'Take' }).click();
    await expect(item(benPanel, 'Pending', /Hello both/)).toHaveCount(0);

    // Anna transfers it to Ben: it lands in Ben's Active; Anna keeps it read-only.
    await annaPanel.getByRole('button', { name: 'Transfer' }).click();
    await annaPanel.getByRole('searchbox', { name: 'Search reps' }).fill('Ben');
    await annaPanel.getByRole('button', { name: /^Ben Novak/ }).click();
    await expect(item(benPanel, 'Active', /Hello both/)).toBeVisible();
    await expect(annaPanel.getByText('Read only: you transferred this conversation')).toBeVisible();
    await annaPanel.getByRole('button', { name: 'Back to inbox' }).click();

    // Ben ends the session (not handled): the visitor is told; when they write again it comes back to Ben.
    await item(benPanel, 'Active', /Hello both/).click();
    await benPanel.getByRole('button', { name: 'End session' }).click();
    await expect(shop.getByText('The conversation has ended.')).toBeVisible();
    await benPanel.getByRole('button', { name: 'Back to inbox' }).click();
    await say('One more question');
    await expect(item(benPanel, 'Active', /One more question/)).toBeVisible();
    await expect(item(annaPanel, 'Pending', /One more question/)).toHaveCount(0);

    // Handled: closed and archived; the visitor's next message is a new chat, offered to both.
    await item(benPanel, 'Active', /One more question/).click();
    await benPanel.getByRole('button', { name: 'Mark handled' }).click();
    await benPanel.getByRole('button', { name: 'Back to inbox' }).click();
    await say('A new topic');
    await expect(item(annaPanel, 'Pending', /A new topic/)).toBeVisible();
    await expect(item(benPanel, 'Pending', /A new topic/)).toBeVisible();

    // Ben takes the new chat and blocks the visitor: the widget disappears, and stays gone on reload.
    await item(benPanel, 'Pending', /A new topic/).click();
    await benPanel.getByRole('button', { name: 'Take' }).click();
    await benPanel.getByRole('button', { name: 'Block visitor' }).click();
    await benPanel.getByRole('spinbutton', { name: 'Amount' }).fill('1');
    await benPanel.getByRole('combobox', { name: 'Unit' }).selectOption({ label: 'Hours' });
    await benPanel.getByRole('button', { name: 'Block', exact: true }).click();
    await expect(shop.getByRole('button', { name: 'Chat with us' })).toBeHidden({ timeout: 15_000 });
    await shop.reload();
    await expect(shop.locator('parley-widget')).toBeAttached();
    await expect(shop.getByRole('button', { name: 'Chat with us' })).toBeHidden({ timeout: 15_000 });
    await benPanel.getByRole('button', { name: 'Back to inbox' }).click();
    await expect(item(benPanel, 'Closed', /A new topic/)).toBeVisible();
  } finally {
    await ben.close();
  }
});
