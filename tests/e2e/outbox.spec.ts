import type { Page } from '@playwright/test';
import type { Message } from '#protocol';
import { extensionThread, selectedConversation, widgetThread } from './support/chat-drivers';
import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';
import { connectRep } from './support/rep-socket';
import { startTcpProxy } from './support/tcp-proxy';

/**
 * FEATURES D8, issue 5: the rep's extension goes offline (its worker's socket is reset and every
 * reconnect refused, through a TCP proxy between the extension and the hub), the rep sends five
 * replies from the side panel, they show as pending; the network comes back and the five reach the
 * visitor in order, exactly once — in the widget and in the hub's stored messages.
 */

const ANNA = 'anna@demo.parley.test';
const CONNECTED = 'Connection: Connected';
// The fifth ends with a quick reply inserted while offline: templates are cached in Dexie.
const REPLIES = [
  'offline one',
  'offline two',
  'offline three',
  'offline four',
  'offline five: Thank you for chatting with us, Maria. Have a nice day!',
];

async function typeReply(panel: Page, text: string) {
  const box = panel.getByRole('textbox', { name: 'Reply' });
  await box.fill(text);
  await box.press('Enter');
  // In the outbox: the composer clears even though the hub cannot be reached.
  await expect(box).toHaveValue('');
}

test('five replies sent offline (one with a quick reply) wait as pending, then arrive once each, in order', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(120_000);
  const proxy = await startTcpProxy(hub.port);
  try {
    // Only the rep's extension goes through the proxy; the visitor stays online all along.
    await signIn(page, extensionId, proxy.url, ANNA);
    const shop = await context.newPage();
    await shop.goto(`${hub.url}/demo/shop.html`);
    await shop.getByRole('button', { name: 'Chat with us' }).click();
    await shop.getByRole('textbox', { name: 'Message' }).fill('Is anyone there?');
    await shop.getByRole('button', { name: 'Send', exact: true }).click();

    const panel = await context.newPage();
    await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
    await expect(panel.getByRole('status')).toHaveText(CONNECTED, { timeout: 15_000 });
    await panel
      .getByRole('region', { name: 'Pending' })
      .getByRole('button', { name: /Is anyone there\?/ })
      .click();
    await panel.getByRole('button', { name: 'Take' }).click();
    await expect(panel.getByText('Active with Anna Rossi')).toBeVisible({ timeout: 15_000 });
    const conversationId = await selectedConversation(panel);

    // Offline: the worker's socket is reset and every reconnect is refused.
    proxy.down();
    await expect(panel.getByRole('status')).not.toHaveText(CONNECTED, { timeout: 30_000 });
    for (const text of REPLIES.slice(0, 4)) await typeReply(panel, text);
    const box = panel.getByRole('textbox', { name: 'Reply' });
    await box.fill('offline five: ');
    await box.press('End');
    await panel.getByRole('button', { name: 'Templates' }).click();
    await panel.getByRole('combobox', { name: 'Search templates' }).fill('goodbye');
    await panel.getByRole('option', { name: /Goodbye/ }).click();
    await panel.getByLabel('Visitor’s name').fill('Maria');
    await panel.getByRole('button', { name: 'Insert', exact: true }).click();
    await expect(box).toHaveValue(REPLIES[4]);
    await box.press('Enter');
    await expect(box).toHaveValue('');

    const messages = panel.getByRole('list', { name: 'Messages' });
    await expect(messages.getByText('sending…')).toHaveCount(5);
    await expect(messages.getByText(/^offline /)).toHaveText(REPLIES);
    expect((await extensionThread(panel, conversationId)).outbox).toBe(5);
    // Nothing went out: the worker really had no connection (it tried and was refused).
    await expect.poll(() => proxy.refused, { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await widgetThread(shop)).texts.filter((t) => t.startsWith('offline '))).toEqual([]);

    // Back online: the worker reconnects by itself and the outbox drains.
    proxy.up();
    await expect(panel.getByRole('status')).toHaveText(CONNECTED, { timeout: 30_000 });
    await expect(messages.getByText('sending…')).toHaveCount(0, { timeout: 30_000 });
    const fromVisitor = async () => (await widgetThread(shop)).texts.filter((t) => t.startsWith('offline '));
    await expect.poll(fromVisitor, { timeout: 30_000 }).toHaveLength(5);
    expect(await fromVisitor()).toEqual(REPLIES);
    // The panel's copy: the hub's messages, each once.
    await expect(messages.getByText(/^offline /)).toHaveText(REPLIES);
    expect((await extensionThread(panel, conversationId)).outbox).toBe(0);

    // The hub stored each once, in order, and nothing more arrives later (a late duplicate would show here).
    await new Promise((r) => setTimeout(r, 3_000));
    const alex = await connectRep(hub.url, 'alex@demo.parley.test');
    alex.send({ type: 'history', reqId: 'h1', conversationId });
    const history: Message[] = (await alex.next((f) => f.type === 'history' && f.reqId === 'h1')).messages;
    alex.close();
    const stored = history.filter((m) => m.text.startsWith('offline '));
    expect(stored.map((m) => m.text)).toEqual(REPLIES);
    expect(new Set(stored.map((m) => m.clientId)).size).toBe(5);
    expect(stored.every((m) => m.author === 'rep' && m.authorName === 'Anna Rossi')).toBe(true);
    expect(await fromVisitor()).toEqual(REPLIES);
  } finally {
    await proxy.close();
  }
});
