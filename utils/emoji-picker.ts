import { Picker } from 'emoji-picker-element';
import type { I18n } from 'emoji-picker-element/shared';
import de from 'emoji-picker-element/i18n/de';
import en from 'emoji-picker-element/i18n/en';
import it from 'emoji-picker-element/i18n/it';
import pl from 'emoji-picker-element/i18n/pl';
// Served from the extension itself: the picker's default is a CDN, and the panel must work offline.
import dataUrl from 'emoji-picker-element-data/en/emojibase/data.json?url';
import { cs } from './emoji-picker-cs';

/**
 * The emoji picker (FEATURES D3), in its own module so the side panel loads it only when the rep first
 * opens it: the panel itself stays small and opens at once. The picker's own strings follow the
 * panel's language; emoji names and search are English (the only local emoji data bundled).
 */
const UI: Record<string, I18n> = { en, de, it, pl, cs };

export function createEmojiPicker(language: string): HTMLElement {
  const i18n = UI[language.slice(0, 2).toLowerCase()] ?? en;
  return new Picker({ dataSource: dataUrl, locale: 'en', i18n });
}
