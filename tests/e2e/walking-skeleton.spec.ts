import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { badgeText, extensionUrl, signIn } from './support/helpers';

/**
 * The walking skeleton, end to end: a visitor on the demo shop writes, the rep sees it in the
 * extension, takes it and replies, the visitor sees the reply; then the hub restarts while the
 * visitor keeps typing, and nothing is lost or doubled on either side.
 */

const REP = { email: 'anna@demo.parley.test', name: 'Anna Rossi' };

/** The widget lives in an open shadow root; getByRole pierces it. */
function widget(shop: Page) {
  return {
    launcher: shop.getByRole('button', { name: 'Chat with us' }),
    message: shop.getByRole('textbox', { name: 'Message' }),
    send: shop.getByRole('button', { name: 'Send', exact: true }),
    log: shop.getByRole('log', { name: 'Conversation' }),
    // The connection notice (the queue line is a status region too).
    status: shop.locator('parley-widget').getByRole('status').and(shop.locator('.notice')),
  };
}

async function visitorSays(shop: Page, text: string) {
  const w = widget(shop);
  await w.message.fill(text);
  await w.send.click();
  // Accepted into the outbox: the composer clears (whether or not the hub is there).
  await expect(w.message).toHaveValue('');
}

test('visitor and rep chat through the hub, and a hub restart loses and doubles nothing', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  const badge = () => badgeText(context, extensionId);

  // The rep signs in through the popup.
  await signIn(page, extensionId, hub.url, REP.email);
  await expect.poll(badge).toBe('');

  // A visitor opens the shop's chat and says hello.
  const shopUrl = `${hub.url}/demo/shop.html`;
  const shop = await context.newPage();
  await shop.goto(shopUrl);
  const w = widget(shop);
  await w.launcher.click();
  await visitorSays(shop, 'Hello');
  await expect(w.log.getByText('Hello', { exact: true })).toBeVisible();

  // One conversation waits: the badge says so.
  await expect.poll(badge, { timeout: 15_000 }).toBe('1');

  // The rep finds it under Pending, with where the visitor was.
  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  const pending = panel.getByRole('region', { name: 'Pending' });
  await pending.getByRole('button', { name: /Hello/ }).click();
  const messages = panel.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('Hello', { exact: true })).toBeVisible();
  await expect(messages.getByText(shopUrl)).toBeVisible();

  // Taking it moves it to Active and clears the badge.
  await panel.getByRole('button', { name: 'Take' }).click();
  await expect(panel.getByText(`Active with ${REP.name}`)).toBeVisible();
  await expect.poll(badge).toBe('');
  await panel.getByRole('button', { name: 'Back to inbox' }).click();
  await expect(pending.getByRole('button', { name: /Hello/ })).toHaveCount(0);
  await panel.getByRole('region', { name: 'Active' }).getByRole('button', { name: /Hello/ }).click();

  // The rep replies; the visitor sees the reply under the rep's name.
  const reply = `Hi from Anna ${randomUUID().slice(0, 8)}`;
  await panel.getByRole('textbox', { name: 'Reply' }).fill(reply);
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(messages.getByText(reply, { exact: true })).toBeVisible();
  const replyRow = w.log.locator('div').filter({ hasText: reply });
  await expect(replyRow).toBeVisible();
  await expect(replyRow).toContainText(REP.name);

  // The hub goes down; the visitor keeps writing, and the widget keeps the lines in its outbox.
  await hub.stop();
  await expect(w.status).toHaveText('Reconnecting…');
  // Between retries the link reads "Offline"; during an attempt, briefly "Connecting".
  await expect(panel.getByRole('status')).toHaveText(/^Connection: (Offline, reconnecting…|Connecting…)$/);
  const lines = ['one', 'two', 'three'];
  for (const line of lines) await visitorSays(shop, line);
  for (const line of lines) await expect(w.log.getByText(line, { exact: true })).toHaveCount(1);

  // Back up on the same port and data: both sides reconnect by themselves (backoff ≤ 5 s).
  await hub.start();
  const reconnect = { timeout: 30_000 };
  await expect(panel.getByRole('status')).toHaveText('Connection: Connected', reconnect);
  await expect(w.status).toBeHidden(reconnect);

  // The rep gets each line exactly once, in order, after what came before.
  for (const line of lines) await expect(messages.getByText(line, { exact: true })).toHaveCount(1, reconnect);
  // The whole thread, item by item: nothing extra arrived after the counts above were met.
  const thread = ['Hello', reply, ...lines].map((text) => new RegExp(text));
  await expect(messages.getByRole('listitem')).toHaveText(thread, reconnect);
  await expect(messages.getByText('sending…')).toHaveCount(0);

  // And so does the visitor, with nothing left pending.
  await expect(w.log.getByText('sending…')).toHaveCount(0, reconnect);
  for (const line of lines) await expect(w.log.getByText(line, { exact: true })).toHaveCount(1);
  await expect(w.log.locator('.msg')).toHaveText(thread);

  // Still one conversation, still the rep's: nothing became pending again.
  await expect.poll(badge).toBe('');
});
