import { expect, type BrowserContext, type Page } from '@playwright/test';
import { visitorSend } from './chat-drivers';
import { extensionUrl } from './helpers';

/** The demo shop's widget (in an open shadow root; getByRole pierces it) and the side panel, for specs. */
export function widget(shop: Page) {
  return {
    launcher: shop.getByRole('button', { name: 'Chat with us' }),
    log: shop.getByRole('log', { name: 'Conversation' }),
  };
}

/** A visitor opens the shop's chat and writes `lines` through the real widget. */
export async function openShopChat(context: BrowserContext, hubUrl: string, lines: string[]): Promise<Page> {
  const shop = await context.newPage();
  await shop.goto(`${hubUrl}/demo/shop.html`);
  await widget(shop).launcher.click();
  await visitorSend(shop, lines);
  await expect(widget(shop).log.getByText(lines.at(-1)!, { exact: true })).toBeVisible({ timeout: 15_000 });
  return shop;
}

/** The side panel as a tab, once its connection is up. */
export async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  await expect(panel.getByRole('status')).toHaveText('Connection: Connected', { timeout: 30_000 });
  return panel;
}
