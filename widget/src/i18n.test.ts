import { describe, expect, it } from 'vitest';
import { pickLang, translator } from './i18n';
import { dictionaries } from './locales';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const en = dictionaries.en;
  const langs = Object.keys(dictionaries) as Array<keyof typeof dictionaries>;

  it('cover English, Italian, German, Polish and Czech', () => {
    expect(langs.sort()).toEqual(['cs', 'de', 'en', 'it', 'pl']);
  });

  it.each(langs)('%s has exactly the English keys, all non-empty, with the same placeholders', (lang) => {
    const dict = dictionaries[lang] as Record<string, string>;
    expect(Object.keys(dict).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(en)) {
      expect(dict[key].trim(), `${lang}.${key}`).not.toBe('');
      expect(placeholders(dict[key]), `${lang}.${key}`).toEqual(placeholders(value));
    }
  });

  it.each(langs.filter((l) => l !== 'en'))('%s is actually translated', (lang) => {
    const dict = dictionaries[lang] as Record<string, string>;
    const same = Object.keys(en).filter((k) => dict[k] === (en as Record<string, string>)[k]);
    expect(same).toEqual([]);
  });

  it('keeps the English accessible names the end-to-end tests rely on', () => {
    const t = translator('en');
    expect([
      t('launcher'),
      t('messageLabel'),
      t('send'),
      t('emailLabel'),
      t('detailsSave'),
      t('reconnecting'),
      t('offlineSend'),
    ]).toEqual(['Chat with us', 'Message', 'Send', 'Your email', 'Save details', 'Reconnecting…', 'Send message']);
  });
});

describe('pickLang', () => {
  it('takes the first supported candidate by primary subtag', () => {
    expect(pickLang(['de-CH', 'it'])).toBe('de');
    expect(pickLang([null, 'fr-FR', 'PL'])).toBe('pl');
    expect(pickLang(['cs_CZ'])).toBe('cs');
  });

  it('falls back to English', () => {
    expect(pickLang([])).toBe('en');
    expect(pickLang(['fr', 'ja', '', undefined])).toBe('en');
    expect(pickLang(['constructor', '__proto__'])).toBe('en');
  });
});

describe('translator', () => {
  it('fills placeholders and falls back to English for a missing key', () => {
    const t = translator('it');
    expect(t('emailSaved', { email: 'a@b.test' })).toBe('Grazie! Ti risponderemo a a@b.test.');
    const partial = translator('it', { en: dictionaries.en, it: { send: 'Invia' } });
    expect(partial('send')).toBe('Invia');
    expect(partial('messageLabel')).toBe('Message');
  });
});
