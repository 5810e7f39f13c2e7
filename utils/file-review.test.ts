import { describe, expect, it } from 'vitest';
import { canReviewFiles } from './file-review';

describe('who is offered Accept / Reject on a visitor file', () => {
  it('mirrors the hub: owner or super user, while the conversation is worked on; never an observer', () => {
    expect(canReviewFiles({ status: 'active', access: 'owner' }, { role: 'rep' })).toBe(true);
    expect(canReviewFiles({ status: 'active', access: 'reader' }, { role: 'rep' })).toBe(false);
    expect(canReviewFiles({ status: 'pending', access: 'offered' }, { role: 'rep' })).toBe(false);
    expect(canReviewFiles({ status: 'active', access: 'supervisor' }, { role: 'admin' })).toBe(true);
    expect(canReviewFiles({ status: 'active', access: 'supervisor' }, { role: 'observer' })).toBe(false);
    expect(canReviewFiles({ status: 'closed', access: 'owner' }, { role: 'rep' })).toBe(false);
    expect(canReviewFiles(null, { role: 'rep' })).toBe(false);
  });
});
