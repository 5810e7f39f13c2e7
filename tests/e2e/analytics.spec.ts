import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { AnalyticsReport } from '#protocol';
import { expect, test } from './support/fixtures';
import { repClient, visitorClient } from './support/hub-clients';
import { extensionUrl, signIn } from './support/helpers';

/**
 * Issue 17 (FEATURES H4): a supervisor opens Analytics on the options page after a few real
 * conversations and sees them counted, downloads the conversations behind a figure and the CSV
 * parses into the right rows; axe finds nothing on the screen; the popup's live queue view shows
 * the conversation still waiting. Real hub, real extension.
 */
test('a supervisor sees real conversations counted, downloads the transferred ones as CSV, and sees the queue live', async ({
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(180_000);
  const tz = 'Europe/Rome';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());
  const login = (await (
    await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: 'sara@demo.parley.test', password: 'parley-demo' }),
    })
  ).json()) as { token: string };
  const reportNow = async () =>
    (await (
      await fetch(`${hub.url}/api/analytics/report?${new URLSearchParams({ from: today, to: today, tz })}`, {
        headers: { authorization: `Bearer ${login.token}` },
      })
    ).json()) as AnalyticsReport;
  const before = (await reportNow()).totals;

  // Three visitors write; Anna takes two and hands one to Ben; the third waits.
  const anna = await repClient(hub.url, 'anna@demo.parley.test');
  const ids: string[] = [];
  for (const text of ['Do you ship to Prague?', 'Is the oak table in stock?', 'Can I pay by invoice?']) {
    const visitor = await visitorClient(hub.url);
    ids.push(await anna.conversationOf(await visitor.say(text)));
  }
  await anna.cmd({ type: 'take', conversationId: ids[0] });
  await anna.cmd({ type: 'take', conversationId: ids[1] });
  await anna.cmd({ type: 'transfer', conversationId: ids[1], to: { kind: 'rep', repId: 'r_ben' } });

  await signIn(page, extensionId, hub.url, 'sara@demo.parley.test');
  // The popup's live view: the conversation nobody took is waiting.
  const live = page.getByRole('region', { name: 'Queues now' });
  await expect(live.getByRole('row', { name: /Sales & support/ })).toContainText(/Sales & support\s*1/, {
    timeout: 15_000,
  });

  await page.goto(extensionUrl(extensionId, 'options.html'));
  const analytics = page.getByRole('region', { name: 'Analytics' });
  await analytics.getByLabel('From').fill(today);
  await analytics.getByLabel('To').fill(today);
  await analytics.getByLabel('Time zone').fill(tz);
  await analytics.getByRole('button', { name: 'Show' }).click();
  const figure = (name: string) =>
    analytics
      .locator('.analytics-figure')
      .filter({ has: page.getByRole('term').getByText(name, { exact: true }) })
      .getByRole('definition');
  await expect(figure('Conversations')).toContainText(String(before.conversations + 3));
  await expect(figure('Answered')).toContainText(String(before.answered + 2));
  await expect(figure('Transfers')).toContainText(String(before.transfers + 1));
  await expect(analytics.getByRole('row', { name: /^Anna Rossi/ })).toBeVisible();

  const download = page.waitForEvent('download');
  await analytics.getByRole('button', { name: 'Conversations: Transfers (CSV)' }).click();
  const file = await (await download).path();
  const rows = parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
  expect(rows.find((r) => r.id === ids[1])).toMatchObject({
    outcome: 'answered',
    first_rep: 'Anna Rossi',
    owner: 'Ben Novak',
    transfers: '1',
  });
  expect(rows.map((r) => r.id)).not.toContain(ids[0]);

  // Every table open, as a reader of them would have it, then axe over the whole screen.
  for (const summary of await analytics.getByText('Data table').all()) await summary.click();
  const axe = await new AxeBuilder({ page }).include('.analytics').analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
  anna.close();
});
