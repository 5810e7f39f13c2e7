import { browser, type Browser } from 'wxt/browser';
import { emailFrom } from '#utils/crm-site-match';
import { isRecordEmailMessage, type RecordEmailMessage } from '#utils/icon-protocol';
import { pageRecordsItem, type PageRecord } from '#utils/page-records';

/**
 * Keeps `pageRecordsItem` (FEATURES E12): what each tab's CRM page says its record is. Changes are
 * applied one at a time, so two tabs reporting at once cannot overwrite each other's entry.
 */
export function createPageRecords(now: () => number = Date.now) {
  let queue: Promise<void> = Promise.resolve();
  const change = (edit: (records: Record<string, PageRecord>) => Record<string, PageRecord> | null) => {
    queue = queue.then(async () => {
      const next = edit({ ...(await pageRecordsItem.getValue()) });
      if (next) await pageRecordsItem.setValue(next);
    });
    return queue;
  };
  const drop = (tabId: number) =>
    change((records) => {
      if (!(tabId in records)) return null;
      delete records[tabId];
      return records;
    });

  return {
    /** A content script's report: a message is input like any other, so the email is checked again. */
    report(message: RecordEmailMessage, sender: Pick<Browser.runtime.MessageSender, 'tab' | 'frameId'>): Promise<void> {
      const tabId = sender.tab?.id;
      // Only the page itself speaks for its tab, never a frame inside it.
      if (tabId === undefined || tabId < 0 || (sender.frameId ?? 0) !== 0) return queue;
      const email = emailFrom(message.email);
      if (!email) return drop(tabId);
      return change((records) => ({ ...records, [tabId]: { email, url: message.url, at: now() } }));
    },
    /** A tab that loads another document, or closes, shows no record until its page says so again. */
    tabUpdated(tabId: number, info: { status?: string; url?: string }): Promise<void> {
      if (info.status !== 'loading') return queue;
      return change((records) => {
        const record = records[tabId];
        // Same address as reported (a same-document navigation the page already told us about): keep.
        if (!record || (info.url !== undefined && info.url === record.url)) return null;
        delete records[tabId];
        return records;
      });
    },
    tabRemoved: (tabId: number) => drop(tabId),
  };
}

export function servePageRecords(records = createPageRecords()): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (isRecordEmailMessage(message)) void records.report(message, sender);
    return undefined;
  });
  browser.tabs.onUpdated.addListener((tabId, info) => void records.tabUpdated(tabId, info));
  browser.tabs.onRemoved.addListener((tabId) => void records.tabRemoved(tabId));
}
