import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import type { AnalyticsReport, QueueLiveFrame } from '#protocol';
import { db, META_QUEUE_LIVE } from '#utils/db';
import { hubUrlItem } from '#utils/settings';
import { tokenItem } from '#utils/session-token';
import AnalyticsView from './AnalyticsView.vue';
import QueueLive from './QueueLive.vue';
import { NO_BOT_OUTCOMES } from '../../tests/fixtures/analytics-figures';

/**
 * The Analytics screen and the live queue view (FEATURES H4) against a scripted hub (the real figures
 * are tested in tests/hub/analytics*.test.ts and tests/e2e/analytics.spec.ts): what is drawn, the
 * tables beside the charts, downloads for supervisors only.
 */
const zero = { median: null, p90: null };
const figures = (conversations: number) => ({
  conversations,
  answered: conversations,
  missed: 0,
  abandoned: 0,
  unanswered: 0,
  firstResponse: { median: 45, p90: 125 },
  handled: 0,
  handling: zero,
  transfers: 0,
  offersLapsed: 0,
  leads: 0,
  bot: NO_BOT_OUTCOMES,
});
const REPORT: AnalyticsReport = {
  totals: figures(3),
  days: [
    { day: '2026-11-09', ...figures(1) },
    { day: '2026-11-10', ...figures(2) },
  ],
  week: Array.from({ length: 168 }, (_, i) => ({
    dow: Math.floor(i / 24) + 1,
    hour: i % 24,
    conversations: i === 9 ? 3 : 0,
  })),
  reps: [
    (({ conversations: _c, missed: _m, abandoned: _a, unanswered: _u, bot: _b, ...part }) => ({
      repId: 'r_anna',
      name: 'Anna Rossi',
      ...part,
    }))(figures(3)),
  ],
  chats: [{ id: 'ch_demo', name: 'Demo shop', ...figures(3) }],
  queues: [],
  channels: [],
};
const requests: string[] = [];

beforeEach(async () => {
  requests.length = 0;
  await hubUrlItem.setValue('http://hub.test:8787');
  await tokenItem.setValue('tok');
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
    requests.push(String(url));
    return new Response(JSON.stringify(REPORT), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => vi.restoreAllMocks());

describe('the Analytics screen (FEATURES H4)', () => {
  it('asks for the last 30 days in the browser’s time zone and draws the figures, the charts and their tables', async () => {
    const screen = render(AnalyticsView, { props: { role: 'observer' } });
    await expect.element(screen.getByText('3 conversations from')).toBeVisible();
    const asked = new URL(requests[0]);
    expect(asked.pathname).toBe('/api/analytics/report');
    expect(asked.searchParams.get('tz')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect((Date.parse(asked.searchParams.get('to')!) - Date.parse(asked.searchParams.get('from')!)) / 86_400_000).toBe(
      29,
    );
    await expect
      .element(
        screen.getByRole('img', {
          name: 'Conversations per day (chart; the same figures are in the data table below it)',
        }),
      )
      .toBeVisible();
    await expect.element(screen.getByRole('img', { name: /^Conversations per hour of the week/ })).toBeVisible();
    // The tables are folded under the charts: open the trend's.
    await screen.getByText('Data table').first().click();
    const trend = screen.getByRole('table', { name: 'Conversations per day' });
    await expect.element(trend).toBeVisible();
    expect(
      trend
        .getByRole('row')
        .elements()
        .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()).join(' | ')),
    ).toEqual([
      'Day | Conversations | Answered | Missed | Abandoned | First response, median',
      '2026-11-09 | 1 | 1 | 0 | 0 | 45 sec',
      '2026-11-10 | 2 | 2 | 0 | 0 | 45 sec',
    ]);
    await expect.element(screen.getByRole('row', { name: /Anna Rossi 3 45 sec 2 min 5 sec/ })).toBeInTheDocument();
    await expect.element(screen.getByRole('button', { name: 'Download “Per rep” as CSV' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Conversations: Missed (CSV)' })).toBeVisible();
  });

  it('offers a rep no downloads, and says they see their own figures', async () => {
    const screen = render(AnalyticsView, { props: { role: 'rep' } });
    await expect.element(screen.getByText('You see your own figures')).toBeVisible();
    await expect.element(screen.getByText('3 conversations from')).toBeVisible();
    expect(screen.getByRole('button', { name: /CSV/ }).elements()).toEqual([]);
  });
});

describe('the live queue view (FEATURES H4)', () => {
  it('shows each queue as the hub last pushed it, the longest wait counting on', async () => {
    const frame: QueueLiveFrame = {
      type: 'queueLive',
      at: new Date().toISOString(),
      queues: [
        {
          queueId: 'q_demo',
          queueName: 'Sales',
          chatId: 'ch_demo',
          chatName: 'Demo shop',
          waiting: 2,
          oldestWaitingSince: new Date(Date.now() - 65_000).toISOString(),
          online: 3,
          away: 1,
          atCapacity: 1,
          lapsing: 1,
          lapsedLastHour: 4,
        },
      ],
    };
    const screen = render(QueueLive);
    await expect.element(screen.getByText('No queue to show yet.')).toBeVisible();
    await db.meta.put({ key: META_QUEUE_LIVE, value: frame });
    await expect
      .element(screen.getByRole('row', { name: /^Demo shop · Sales 2 1 min 5 sec 3 1 1 1 4$/ }))
      .toBeVisible();
    await expect.element(screen.getByRole('row', { name: /^Demo shop · Sales 2 1 min 6 sec/ })).toBeVisible();
  });
});
