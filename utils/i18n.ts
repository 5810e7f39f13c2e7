import { browser } from 'wxt/browser';
import en from '../public/_locales/en/messages.json';

/** Every key of the English catalogue; the other four locales carry the same keys (checked by a test). */
export type MessageKey = keyof typeof en;

/**
 * Looks a string up in the browser's UI language. Outside a built extension (unit and component
 * tests, where browser.i18n is missing) it falls back to the English catalogue, so a caller never
 * shows a raw key. Built, the catalogue is never read, so it is left out of every bundle: it would
 * add 30 KB to each page and to the worker.
 */
export function t(key: MessageKey, ...subs: string[]): string {
  let text: string;
  try {
    text = (browser.i18n.getMessage as (k: string, s?: string[]) => string)(key, subs);
  } catch {
    text = '';
  }
  if (text || import.meta.env.PROD) return text || key;
  const entry = en[key] as { message: string; placeholders?: Record<string, { content: string }> };
  // Each named placeholder ($NAME$) stands for the substitution its content ($1, $2…) points at.
  return Object.entries(entry.placeholders ?? {}).reduce((out, [name, { content }]) => {
    const index = Number(content.replace('$', '')) - 1;
    return out.replace(new RegExp(`\\$${name}\\$`, 'gi'), subs[index] ?? '');
  }, entry.message);
}

/** Language tag for Intl formatting, matching the strings t() returns. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
