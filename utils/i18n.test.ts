import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from './i18n';

const LOCALES = ['en', 'it', 'de', 'pl', 'cs'];
type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Catalogue => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));

describe('locales', () => {
  const en = load('en');

  it.each(LOCALES)('%s has exactly the English keys, each with a non-empty message', (lang) => {
    const catalogue = load(lang);
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(catalogue)) expect(entry.message.trim(), `${lang}.${key}`).not.toBe('');
  });

  it.each(LOCALES)('%s uses the same placeholders as English', (lang) => {
    const catalogue = load(lang);
    for (const [key, entry] of Object.entries(en)) {
      expect(catalogue[key].placeholders, `${lang}.${key}`).toEqual(entry.placeholders);
      for (const name of Object.keys(entry.placeholders ?? {})) {
        expect(catalogue[key].message, `${lang}.${key}`).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });

  it('has the keys the manifest refers to', () => {
    expect(en.extName.message).toBe('Parley');
    expect(en.extDescription.message).not.toBe('');
  });
});

describe('t', () => {
  it('falls back to English with substitutions where browser.i18n has nothing', () => {
    expect(t('take')).toBe('Take');
    expect(t('signedInAs', 'Anna')).toBe('Signed in as Anna');
    expect(t('closingSoonText', 'Demo shop', '18:00')).toBe(
      'Demo shop closes at 18:00 — you have active conversations.',
    );
  });
});
