import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';
import { visitorClient } from './support/hub-clients';
import { openPanel } from './support/shop';

/**
 * FEATURES I2 in both themes (issue 18): the pages follow the browser's light or dark setting, and axe —
 * contrast included — finds nothing on any screen of the popup, the options page and the side panel
 * (inbox; a conversation with every card section open; the transfer dialog), light and dark.
 * A super user, so the options page is the console with every screen (Analytics with its figures
 * shown, every data table open) and the popup shows the live queue view.
 */
async function clean(page: Page, screen: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme))
      .toBe(colorScheme);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations.map(
        (v) => `${screen}, ${colorScheme}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      ),
    ).toEqual([]);
  }
}

test('popup, options and side panel are axe-clean in the light and the dark theme', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, extensionId, hub.url, 'alex@demo.parley.test');
  // The demo hub's super user is warned that its accounts' password is public (FEATURES H1).
  await expect(page.getByRole('status').filter({ hasText: '4 demo accounts are active' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Who is working' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Queues now' }).getByRole('row').first()).toBeVisible({
    timeout: 15_000,
  });
  await clean(page, 'popup');

  // The options page is the super user's console: each screen, reached through its navigation.
  const options = await context.newPage();
  await options.goto(extensionUrl(extensionId, 'options.html'));
  const screen = async (name: string, ready: Locator) => {
    await options.getByRole('navigation', { name: 'Console' }).getByRole('link', { name }).click();
    await expect(ready).toBeVisible({ timeout: 20_000 });
    await clean(options, `options: ${name}`);
  };
  await screen('People', options.getByRole('listitem', { name: 'Anna Rossi' }));
  await screen('Websites and queues', options.getByRole('textbox', { name: 'Snippet for Demo shop' }));
  await screen('Chats and routing bot', options.getByRole('form', { name: 'Routing bot of Demo shop' }));
  await screen('Templates', options.getByRole('form', { name: 'New template' }));
  await screen('Customer store', options.getByRole('region', { name: 'Distribution pools' }));
  await screen('CSV import', options.getByLabel('CSV file'));
  await screen('Catalog', options.getByRole('list', { name: 'Products' }).getByRole('listitem').first());
  await screen('CRM sites', options.getByRole('region', { name: 'CRM sites' }));
  await screen('My alerts', options.getByRole('group', { name: 'Alerts for new chats' }));
  await options.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Analytics' }).click();
  const analytics = options.getByRole('region', { name: 'Analytics' });
  await analytics.getByRole('button', { name: 'Show' }).click();
  await expect(analytics.locator('.analytics-figure').first()).toBeVisible({ timeout: 20_000 });
  for (const summary of await analytics.getByText('Data table').all()) await summary.click();
  await clean(options, 'options: Analytics');

  const visitor = await visitorClient(hub.url);
  try {
    await visitor.say('Do you ship to Prague?');
    const panel = await openPanel(context, extensionId);
    await expect(panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: /Prague/ })).toBeVisible({
      timeout: 20_000,
    });
    await clean(panel, 'inbox');

    await panel
      .getByRole('region', { name: 'Pending' })
      .getByRole('button', { name: /Prague/ })
      .click();
    await panel.getByRole('button', { name: 'Take' }).click();
    await expect(panel.getByRole('textbox', { name: 'Reply' })).toBeVisible();
    await panel.getByRole('button', { name: 'Search this conversation' }).click();
    const card = panel.getByRole('complementary', { name: 'Contact card' });
    const closed = card.getByRole('button', { name: /^Expand / });
    await expect(closed.first()).toBeVisible();
    while ((await closed.count()) > 0) await closed.first().click();
    await clean(panel, 'conversation');

    await panel.getByRole('button', { name: 'Transfer' }).click();
    await expect(panel.getByRole('dialog', { name: 'Transfer conversation' })).toBeVisible();
    await clean(panel, 'transfer dialog');
  } finally {
    visitor.close();
  }
});
