import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('sorts in creation order, even for thousands made within one millisecond', () => {
    const ids = Array.from({ length: 70_000 }, () => newId('nt'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^nt_[0-9a-f]{32}$/);
  });

  it('leads with the milliseconds of its making, as the customer store ids before it did', () => {
    const before = Date.now();
    const id = newId('m');
    const ms = parseInt(id.slice(2, 14), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
