import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { extensionUrl } from './helpers';

/** A visitor on the demo shop who writes, then gives an email in the widget. */
export async function visitorWithEmail(
  context: BrowserContext,
  hubUrl: string,
  text: string,
  email: string,
): Promise<Page> {
  const shop = await context.newPage();
  await shop.goto(`${hubUrl}/demo/shop.html`);
  await shop.getByRole('button', { name: 'Chat with us' }).click();
  await shop.getByRole('textbox', { name: 'Message' }).fill(text);
  await shop.getByRole('button', { name: 'Send', exact: true }).click();
  await shop.getByLabel('Your email').fill(email);
  await shop.getByRole('button', { name: 'Save details' }).click();
  return shop;
}

/** Anna opens the side panel and takes the visitor's chat. */
export async function takeChatAsAnna(context: BrowserContext, extensionId: string, text: RegExp): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  await panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: text }).click();
  await panel.getByRole('button', { name: 'Take' }).click();
  await expect(panel.getByText('Active with Anna Rossi')).toBeVisible({ timeout: 15_000 });
  return panel;
}
