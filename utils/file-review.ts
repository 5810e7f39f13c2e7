import type { Conversation, Role } from '#protocol';

/**
 * Whether to offer Accept / Reject on a visitor's file (FEATURES D4): the hub's rule (hub/src/files/rules.ts)
 * mirrored — the owner, or a super user at work, while the conversation is pending or active.
 */
export function canReviewFiles(c: Pick<Conversation, 'status' | 'access'> | null, me: { role: Role } | null): boolean {
  if (!c || !me || me.role === 'observer') return false;
  if (c.status !== 'active' && c.status !== 'pending') return false;
  return c.access === 'owner' || me.role === 'admin';
}
