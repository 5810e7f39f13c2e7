import { storage } from 'wxt/utils/storage';

/**
 * CRM page awareness (FEATURES E12): per browser tab, the record email its CRM page shows now, as the
 * page's content script reported it and the worker checked it. Session storage: it describes open
 * tabs, so it must not outlive the browser. The side panel reads the entry of its window's active tab.
 */
export interface PageRecord {
  email: string;
  url: string;
  at: number;
}

export const pageRecordsItem = storage.defineItem<Record<string, PageRecord>>('session:pageRecords', { fallback: {} });
