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

/**
 * The card shows the typed email as a claim with the record it suggests (issue 14); the rep, having
 * checked who the visitor is, links the conversation to that record.
 */
export async function linkSuggestedRecord(panel: Page, name: string): Promise<void> {
  const card = panel.getByRole('complementary', { name: 'Contact card' });
  await expect(card.getByText('unverified (typed by the visitor)')).toBeVisible({ timeout: 20_000 });
  await expect(
    card.getByText(`Possibly ${name}: a record has this email, but the visitor only typed it.`),
  ).toBeVisible();
  await card.getByRole('button', { name: 'Link to this record' }).click();
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
