import type { Access, ConversationStatus, ErrorCode, Role } from '#protocol';

/**
 * Who may accept or reject a visitor's file (FEATURES D4), in the shape of inbox/rules.ts: those who may
 * reply in the conversation — its owner, or a super user — while it is being worked on. Observers
 * never; an offered rep takes the conversation first.
 */
export function reviewRule(s: {
  role: Role;
  access: Access;
  status: ConversationStatus;
}): null | { code: ErrorCode; message: string } {
  if (s.role === 'observer') return { code: 'forbidden', message: 'observers cannot accept or reject files' };
  if (!(s.access === 'owner' || s.role === 'admin'))
    return { code: 'forbidden', message: 'only the rep who has the conversation can accept or reject its files' };
  if (s.status !== 'active' && s.status !== 'pending')
    return { code: 'conflict', message: `files cannot be reviewed while the conversation is ${s.status}` };
  return null;
}
