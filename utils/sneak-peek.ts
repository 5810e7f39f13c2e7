import { storage } from 'wxt/utils/storage';

/**
 * Sneak peek (FEATURES D2), the extension's half: the visitor's unsent draft per conversation, as the
 * hub last relayed it. Session storage: it is "what they are typing now", never history, and it
 * must survive a worker restart but not the browser session.
 */
export interface VisitorDraft {
  text: string;
  /** When it arrived (ms), so a draft left behind by a vanished visitor can be told apart. */
  at: number;
}

export const draftsItem = storage.defineItem<Record<string, VisitorDraft>>('session:visitorDrafts', { fallback: {} });
