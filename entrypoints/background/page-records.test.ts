import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ICON_PORT } from '#utils/icon-protocol';
import { pageRecordsItem } from '#utils/page-records';
import { createPageRecords, servePageRecords } from './page-records';

/** The worker's record of what each tab's CRM page shows (FEATURES E12), through the fake browser's events. */
beforeEach(() => fakeBrowser.reset());

const report = (email: unknown, url = 'https://crm.test/contacts/1') => ({
  target: ICON_PORT,
  type: 'recordEmail',
  email,
  url,
});
const tab = (id: number, frameId = 0) => ({ tab: { id, windowId: 1 }, frameId }) as never;

describe('page records', () => {
  it("keeps each tab's record email from its page, checked again, and forgets it when the page says none", async () => {
    servePageRecords(createPageRecords(() => 1000));
    await Promise.all(await fakeBrowser.runtime.onMessage.trigger(report(' Maria.Bianchi@Example.com '), tab(4)));
    await Promise.all(
      await fakeBrowser.runtime.onMessage.trigger(
        report('mailto:jonas.keller@example.com', 'https://crm.test/contacts/2'),
        tab(5),
      ),
    );
    await expect
      .poll(() => pageRecordsItem.getValue())
      .toEqual({
        4: { email: 'maria.bianchi@example.com', url: 'https://crm.test/contacts/1', at: 1000 },
        5: { email: 'jonas.keller@example.com', url: 'https://crm.test/contacts/2', at: 1000 },
      });
    // Not an email (a page can say anything): the tab shows no record.
    await Promise.all(await fakeBrowser.runtime.onMessage.trigger(report('<b>not an email</b>'), tab(4)));
    await expect.poll(async () => Object.keys(await pageRecordsItem.getValue())).toEqual(['5']);
    await Promise.all(await fakeBrowser.runtime.onMessage.trigger(report(null), tab(5)));
    await expect.poll(() => pageRecordsItem.getValue()).toEqual({});
  });

  it('ignores frames inside a page, messages without a tab and other messages', async () => {
    servePageRecords(createPageRecords());
    await Promise.all(await fakeBrowser.runtime.onMessage.trigger(report('a@b.test'), tab(4, 2)));
    await Promise.all(await fakeBrowser.runtime.onMessage.trigger(report('a@b.test'), {} as never));
    await Promise.all(
      await fakeBrowser.runtime.onMessage.trigger({ ...report('a@b.test'), target: 'elsewhere' }, tab(4)),
    );
    await Promise.all(await fakeBrowser.runtime.onMessage.trigger({ ...report('a@b.test'), url: 42 }, tab(4)));
    await Promise.all(await fakeBrowser.runtime.onMessage.trigger(report('c@d.test'), tab(6)));
    await expect.poll(async () => Object.keys(await pageRecordsItem.getValue())).toEqual(['6']);
  });

  it('forgets a tab that loads another page or closes, but not one whose new address the page already reported', async () => {
    const records = createPageRecords();
    await records.report(report('a@b.test', 'https://crm.test/contacts/1') as never, tab(1));
    await records.report(report('c@d.test', 'https://crm.test/contacts/2') as never, tab(2));
    await records.report(report('e@f.test', 'https://crm.test/contacts/3') as never, tab(3));
    await records.tabUpdated(1, { status: 'loading', url: 'https://crm.test/contacts/1' });
    await records.tabUpdated(1, { status: 'complete' });
    await records.tabUpdated(2, { status: 'loading' });
    await records.tabRemoved(3);
    expect(Object.keys(await pageRecordsItem.getValue())).toEqual(['1']);
  });

  it('applies reports from many tabs at once without losing any', async () => {
    const records = createPageRecords();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => records.report(report(`p${i}@shop.test`) as never, tab(i + 1))),
    );
    expect(Object.keys(await pageRecordsItem.getValue())).toHaveLength(20);
  });
});
