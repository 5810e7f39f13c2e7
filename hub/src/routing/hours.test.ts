import { describe, expect, it } from 'vitest';
import { isOpen } from './hours';

const hours = { timezone: 'Europe/Rome', weekly: { mon: [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }], sat: [{ from: '10:00', to: '12:00' }] } };

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
