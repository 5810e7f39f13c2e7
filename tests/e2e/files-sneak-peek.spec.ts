import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';

/**
 * FEATURES D2–D4, issue 5, end to end: the built extension in Chromium and the widget on the demo shop
 * served by a real hub. Sneak peek shows the visitor's draft before it is sent and drops it on send;
 * "typing…" reaches the visitor; files go both ways, a visitor's only after the rep accepts it.
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const downloaded = async (d: Download) => sha256(await readFile((await d.path())!));

/** A visitor says hello on the shop; Anna takes the conversation in her side panel. */
async function openTakenConversation(
  context: import('@playwright/test').BrowserContext,
  hubUrl: string,
  extensionId: string,
  page: Page,
  hello: string,
) {
  await signIn(page, extensionId, hubUrl, 'anna@demo.parley.test');
  const shop = await context.newPage();
  await shop.goto(`${hubUrl}/demo/shop.html`);
  await shop.getByRole('button', { name: 'Chat with us' }).click();
  await shop.getByRole('textbox', { name: 'Message' }).fill(hello);
  await shop.getByRole('button', { name: 'Send', exact: true }).click();
  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  await panel
    .getByRole('region', { name: 'Pending' })
    .getByRole('button', { name: new RegExp(hello) })
    .click({ timeout: 20_000 });
  await panel.getByRole('button', { name: 'Take' }).click();
  await expect(panel.getByText('Active with Anna Rossi')).toBeVisible({ timeout: 15_000 });
  return {
    shop,
    panel,
    messages: panel.getByRole('list', { name: 'Messages' }),
    log: shop.getByRole('log', { name: 'Conversation' }),
  };
}

test('sneak peek: the rep sees the draft apart before it is sent, and not after; the visitor sees "typing…"', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(120_000);
  const { shop, panel, messages, log } = await openTakenConversation(context, hub.url, extensionId, page, 'Hi there');
  const peek = panel.getByRole('region', { name: /^What .+ is typing$/ });
  const draft = 'Do you ship to Milan by Friday?';

  await shop.getByRole('textbox', { name: 'Message' }).fill(draft);
  await expect(peek).toContainText(draft, { timeout: 15_000 });
  const axe = await new AxeBuilder({ page: panel }).include('.sneak-peek').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // Styled apart: outside the message list, and not a message yet.
  await expect(messages.getByText(draft)).toHaveCount(0);

  await shop.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(messages.getByText(draft, { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(peek).toBeHidden();

  // The rep types: the visitor sees it, and it goes when the reply arrives.
  const reply = panel.getByRole('textbox', { name: 'Reply' });
  await reply.pressSequentially('Yes, we');
  await expect(shop.getByText('typing…')).toBeVisible({ timeout: 15_000 });
  await reply.pressSequentially(' do.');
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(log.getByText('Yes, we do.', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(shop.getByText('typing…')).toBeHidden();
});

test('files both ways: a visitor file waits for the rep, accepted arrives intact, rejected is never offered; a rep file reaches the visitor', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(150_000);
  const { shop, panel, messages, log } = await openTakenConversation(
    context,
    hub.url,
    extensionId,
    page,
    'Sending my order',
  );
  const order = pdf();

  // Visitor → rep: waits for approval on both sides.
  await shop
    .locator('parley-widget input[type=file]')
    .setInputFiles({ name: 'order.pdf', mimeType: 'application/pdf', buffer: order });
  const visitorRow = log.locator('.msg').filter({ hasText: 'order.pdf' });
  await expect(visitorRow).toContainText('Waiting for approval', { timeout: 15_000 });
  const fileItem = messages.getByRole('listitem').filter({ hasText: 'order.pdf' });
  await expect(fileItem).toContainText('waits for approval', { timeout: 15_000 });
  await expect(fileItem.getByRole('button', { name: 'Download order.pdf' })).toHaveCount(0);
  const axePanel = await new AxeBuilder({ page: panel }).include('.attachment').include('.composer').analyze();
  expect(axePanel.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await fileItem.getByRole('button', { name: 'Accept file order.pdf' }).click();
  await expect(visitorRow).toContainText('Accepted', { timeout: 15_000 });
  const [repCopy] = await Promise.all([
    panel.waitForEvent('download'),
    fileItem.getByRole('button', { name: 'Download order.pdf' }).click(),
  ]);
  expect(await downloaded(repCopy)).toBe(sha256(order));
  expect(repCopy.suggestedFilename()).toBe('order.pdf');

  // Rejected: a notice on both sides, nothing to open. The name is markup that must stay text.
  const evil = '<img src=x onerror="window.__pwned=1">.png';
  await shop
    .locator('parley-widget input[type=file]')
    .setInputFiles({ name: evil, mimeType: 'image/png', buffer: PNG });
  const photoItem = messages.getByRole('listitem').filter({ hasText: evil });
  await photoItem.getByRole('button', { name: `Reject file ${evil}` }).click({ timeout: 15_000 });
  await expect(photoItem).toContainText('File rejected');
  const photoRow = log.locator('.msg').filter({ hasText: evil });
  await expect(photoRow).toContainText('This file was not accepted.', { timeout: 15_000 });
  await expect(photoRow.getByRole('button')).toHaveCount(0);
  await expect(photoRow.locator('img')).toHaveCount(0);
  await expect(photoItem.locator('img')).toHaveCount(0);
  for (const p of [panel, shop])
    expect(await p.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  // A refused type says why, in the widget, and nothing appears in the thread.
  await shop.locator('parley-widget input[type=file]').setInputFiles({
    name: 'setup.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([Buffer.from('MZ'), randomBytes(2000)]),
  });
  await expect(
    shop.locator('parley-widget').getByRole('alert').filter({ hasText: 'This kind of file cannot be sent' }),
  ).toBeVisible({ timeout: 15_000 });
  await expect(log.locator('.msg').filter({ hasText: 'setup.pdf' })).toHaveCount(0);

  // Rep → visitor: an image shows in place and downloads intact.
  await panel
    .locator('.composer input[type=file]')
    .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
  const repRow = log.locator('.msg').filter({ hasText: 'dot.png' });
  await expect(repRow.getByRole('img', { name: 'Image dot.png' })).toBeVisible({ timeout: 15_000 });
  const [visitorCopy] = await Promise.all([
    shop.waitForEvent('download'),
    repRow.getByRole('button', { name: 'Download dot.png' }).click(),
  ]);
  expect(await downloaded(visitorCopy)).toBe(sha256(PNG));
  await expect(messages.getByRole('img', { name: 'Image dot.png' })).toBeVisible();
});
