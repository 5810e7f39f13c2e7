import { describe, expect, it } from 'vitest';
import { ANALYTICS_LIMITS, AnalyticsQuery, ConversationListQuery } from './analytics';

const ok = { from: '2026-01-01', to: '2026-01-31', tz: 'Europe/Rome' };
const reason = (input: unknown) => {
  const parsed = AnalyticsQuery.safeParse(input);
  return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('analytics queries', () => {
  it('accept a range of days in a named time zone with optional filters', () => {
    expect(AnalyticsQuery.parse({ ...ok, chatId: 'ch_demo', channel: 'web', repId: 'r_anna' })).toEqual({
      ...ok,
      chatId: 'ch_demo',
      channel: 'web',
      repId: 'r_anna',
    });
    expect(reason({ ...ok, from: '2025-01-01', to: '2025-12-31' })).toBeNull();
    expect(reason({ ...ok, from: '2024-01-01', to: '2024-12-31' })).toBeNull(); // a leap year: 366 days
  });

  it('refuse a range longer than the limit, backwards, or with days that do not exist', () => {
    expect(reason({ ...ok, from: '2025-01-01', to: '2026-01-02' })).toBe(
      `to: the range is longer than ${ANALYTICS_LIMITS.maxRangeDays} days`,
    );
    expect(reason({ ...ok, from: '2026-02-01', to: '2026-01-01' })).toBe('to: to is before from');
    expect(reason({ ...ok, to: '2026-02-30' })).toBe('to: not a calendar date');
    expect(reason({ ...ok, from: '1.1.2026' })).toContain('from: a date as YYYY-MM-DD');
  });

  it('refuse a time zone that is not a name, since PostgreSQL reads offsets with the opposite sign', () => {
    expect(reason({ ...ok, tz: '+01:00' })).toContain('tz: a time zone name like Europe/Rome');
    expect(reason({ ...ok, tz: 'Mars/Olympus' })).toBe('tz: unknown time zone');
    expect(reason({ ...ok, tz: 'UTC' })).toBeNull();
  });

  it('list the conversations behind a figure, all of them unless one is named', () => {
    expect(ConversationListQuery.parse(ok).figure).toBe('all');
    expect(ConversationListQuery.safeParse({ ...ok, figure: 'nonsense' }).success).toBe(false);
  });
});
