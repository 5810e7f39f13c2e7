import { describe, expect, it } from 'vitest';
import { closingWithin, isOpen } from './hours';

const hours = {
  timezone: 'Europe/Rome',
  weekly: {
    mon: [
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ],
    sat: [{ from: '10:00', to: '12:00' }],
  },
};

describe('business hours', () => {
  it('is always open without hours', () => {
    expect(isOpen(null, new Date('2026-11-22T03:00:00Z'))).toBe(true);
  });

  it("reads the chat's own time zone, ranges half-open, days left out closed", () => {
    // Monday 23 Nov 2026: Rome is UTC+1.
    expect(isOpen(hours, new Date('2026-11-23T07:59:00Z'))).toBe(false); // 08:59
    expect(isOpen(hours, new Date('2026-11-23T08:00:00Z'))).toBe(true); // 09:00
    expect(isOpen(hours, new Date('2026-11-23T12:30:00Z'))).toBe(false); // 13:30, lunch
    expect(isOpen(hours, new Date('2026-11-23T16:59:00Z'))).toBe(true); // 17:59
    expect(isOpen(hours, new Date('2026-11-23T17:00:00Z'))).toBe(false); // 18:00
    expect(isOpen(hours, new Date('2026-11-28T09:30:00Z'))).toBe(true); // Saturday 10:30
    expect(isOpen(hours, new Date('2026-11-24T09:30:00Z'))).toBe(false); // Tuesday
  });
});

describe('closing soon', () => {
  it('says when the chat closes if that is within the window, to the minute', () => {
    const fifteen = 15 * 60_000;
    expect(closingWithin(hours, new Date('2026-11-23T16:44:30Z'), fifteen)).toBeNull(); // 17:44:30, closes 18:00 in 15.5 min
    expect(closingWithin(hours, new Date('2026-11-23T16:45:00Z'), fifteen)?.toISOString()).toBe(
      '2026-11-23T17:00:00.000Z',
    );
    expect(closingWithin(hours, new Date('2026-11-23T11:50:00Z'), fifteen)?.toISOString()).toBe(
      '2026-11-23T12:00:00.000Z',
    ); // lunch break
    expect(closingWithin(hours, new Date('2026-11-23T17:30:00Z'), fifteen)).toBeNull(); // already closed
    expect(closingWithin(null, new Date('2026-11-23T16:50:00Z'), fifteen)).toBeNull();
  });
});
