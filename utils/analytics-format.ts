import type { MessageKey } from './i18n';
import { t, uiLanguage } from './i18n';

/**
 * How the Analytics screen and the live queue view write numbers (FEATURES H4, I1): durations in the
 * reader's language ("2 min 5 s"), weekdays by Intl, and sentences with counts in the language's
 * real plural forms — Polish and Czech have one, few, many and other, so each such sentence has a
 * key per form (`…One`, `…Few`, `…Many`, `…Other`) in every catalogue.
 */
type PluralBase =
  | 'analyticsSummary'
  | 'waitingCount'
  | 'demoAccountsActive'
  | 'importRowsInFile'
  | 'importWritten'
  | 'importRefused'
  | 'catalogFound';

const FORMS: Record<Intl.LDMLPluralRule, 'One' | 'Few' | 'Many' | 'Other'> = {
  zero: 'Other',
  one: 'One',
  two: 'Other',
  few: 'Few',
  many: 'Many',
  other: 'Other',
};

export function plural(base: PluralBase, count: number, ...rest: string[]): string {
  const form = FORMS[new Intl.PluralRules(uiLanguage()).select(count)];
  return t(`${base}${form}` as MessageKey, new Intl.NumberFormat(uiLanguage()).format(count), ...rest);
}

const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
  new Intl.NumberFormat(uiLanguage(), {
    style: 'unit',
    unit: name,
    unitDisplay: 'short',
    maximumFractionDigits: 0,
  }).format(value);

/** Whole seconds as the largest two units: "45 s", "2 min 5 s", "3 h 10 min"; a dash for no value. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds < 3600)
    return [unit(Math.floor(seconds / 60), 'minute'), seconds % 60 ? unit(seconds % 60, 'second') : '']
      .filter(Boolean)
      .join(' ');
  const minutes = Math.floor((seconds % 3600) / 60);
  return [unit(Math.floor(seconds / 3600), 'hour'), minutes ? unit(minutes, 'minute') : ''].filter(Boolean).join(' ');
}

/** ISO weekday 1 (Monday) … 7 (Sunday), short, in the reader's language. */
export function weekdayName(isoDay: number, style: 'short' | 'long' = 'short'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(uiLanguage(), { weekday: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, isoDay)),
  );
}

/** A date `YYYY-MM-DD` offset by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today in a time zone, `YYYY-MM-DD`. */
export function todayIn(tz: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
}
