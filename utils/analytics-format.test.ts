import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Counts in sentences take the language's own plural form (FEATURES H4, I1); durations read as two units. */
let language = 'en';
vi.mock('./i18n', () => ({
  uiLanguage: () => language,
  t: (key: string, ...subs: string[]) => `${key}(${subs.join(',')})`,
}));
const { formatSeconds, plural, weekdayName } = await import('./analytics-format');

beforeEach(() => {
  language = 'en';
});

describe('plural forms', () => {
  it.each([
    ['en', 1, 'One'],
    ['en', 2, 'Other'],
    ['en', 5, 'Other'],
    ['pl', 1, 'One'],
    ['pl', 2, 'Few'],
    ['pl', 5, 'Many'],
    ['pl', 22, 'Few'],
    ['pl', 25, 'Many'],
    ['cs', 1, 'One'],
    ['cs', 3, 'Few'],
    ['cs', 5, 'Other'],
    ['it', 1, 'One'],
    ['it', 7, 'Other'],
    ['de', 1, 'One'],
    ['de', 0, 'Other'],
  ])('%s: %d takes the %s form', (lang, count, form) => {
    language = lang as string;
    expect(plural('analyticsSummary', count as number, 'a', 'b', 'c')).toBe(`analyticsSummary${form}(${count},a,b,c)`);
  });
});

describe('durations', () => {
  it('write the largest two units, and a dash for none', () => {
    expect(formatSeconds(null)).toBe('—');
    expect(formatSeconds(45)).toBe('45 sec');
    expect(formatSeconds(125)).toBe('2 min 5 sec');
    expect(formatSeconds(120)).toBe('2 min');
    expect(formatSeconds(3 * 3600 + 600 + 7)).toBe('3 hr 10 min');
  });

  it('name weekdays in the reader’s language, Monday first', () => {
    expect(weekdayName(1, 'long')).toBe('Monday');
    language = 'de';
    expect(weekdayName(7, 'long')).toBe('Sonntag');
  });
});
