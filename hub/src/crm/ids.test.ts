import { describe, expect, it } from 'vitest';
import { crmId } from './ids';

describe('crmId', () => {
  it('sorts in creation order, even for thousands made within one millisecond', () => {
    const ids = Array.from({ length: 70_000 }, () => crmId('nt'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^nt_[0-9a-f]{32}$/);
  });
});
