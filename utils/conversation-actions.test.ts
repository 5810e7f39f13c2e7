import { describe, expect, it } from 'vitest';
import type { Access, Conversation, Role } from '#protocol';
import { RULES } from '#hub/inbox/rules';
import { conversationActions, type ConversationActions } from './conversation-actions';

type Status = Conversation['status'];
const me = (role: Role) => ({ id: 'rep-anna', role });
const conv = (status: Status, access: Access, ownerId: string | null = null) => ({
  status,
  access,
  ownerId,
  folder: (access === 'none' || status === 'abandoned' ? 'none' : status) as Conversation['folder'],
});
/** The actions that are on, as a sorted list: easy to read in a table. */
const on = (actions: ConversationActions) =>
  (Object.keys(actions) as (keyof ConversationActions)[]).filter((key) => key !== 'readOnly' && actions[key]).sort();

describe('conversationActions', () => {
  it.each<[string, ReturnType<typeof conv>, Role, string[]]>([
    ['offered pending, rep', conv('pending', 'offered'), 'rep', ['annotate', 'reply', 'take']],
    [
      'my active',
      conv('active', 'owner', 'rep-anna'),
      'rep',
      ['annotate', 'block', 'endSession', 'markHandled', 'reply', 'transfer', 'transferToQueue'],
    ],
    [
      'my closed: can be taken again',
      conv('closed', 'owner', 'rep-anna'),
      'rep',
      ['annotate', 'archive', 'block', 'delete', 'take', 'transfer'],
    ],
    ['my archived', conv('archived', 'owner', 'rep-anna'), 'rep', ['annotate', 'delete', 'transfer', 'unarchive']],
    ['handed on: reader', conv('active', 'reader', 'rep-ben'), 'rep', []],
    ["someone else's (none)", conv('active', 'none', 'rep-ben'), 'rep', []],
    ['abandoned', conv('abandoned', 'supervisor'), 'admin', []],
    ['observer on active', conv('active', 'supervisor', 'rep-ben'), 'observer', ['transfer', 'transferToQueue']],
    ['observer on pending', conv('pending', 'supervisor'), 'observer', ['transfer', 'transferToQueue']],
    ['observer on archived', conv('archived', 'supervisor', 'rep-ben'), 'observer', ['transfer']],
    ['observer on closed', conv('closed', 'supervisor', 'rep-ben'), 'observer', ['transfer']],
    [
      'super user on pending',
      conv('pending', 'supervisor'),
      'admin',
      ['annotate', 'block', 'reply', 'take', 'transfer', 'transferToQueue'],
    ],
    [
      "super user on another rep's active",
      conv('active', 'supervisor', 'rep-ben'),
      'admin',
      ['annotate', 'block', 'endSession', 'markHandled', 'reply', 'take', 'transfer', 'transferToQueue'],
    ],
    [
      'super user on own active',
      conv('active', 'supervisor', 'rep-anna'),
      'admin',
      ['annotate', 'block', 'endSession', 'markHandled', 'reply', 'transfer', 'transferToQueue'],
    ],
    [
      'super user on closed',
      conv('closed', 'supervisor', 'rep-ben'),
      'admin',
      ['annotate', 'archive', 'block', 'delete', 'take', 'transfer'],
    ],
  ])('%s', (_name, conversation, role, expected) => {
    expect(on(conversationActions(conversation, me(role)))).toEqual(expected.sort());
  });

  it('explains why a rep can only read', () => {
    expect(conversationActions(conv('active', 'reader', 'rep-ben'), me('rep')).readOnly).toBe('reader');
    expect(conversationActions(conv('active', 'supervisor', 'rep-ben'), me('observer')).readOnly).toBe('observer');
    expect(conversationActions(conv('active', 'owner', 'rep-anna'), me('rep')).readOnly).toBeNull();
  });

  // The hub's rules table decides transfer (hub/src/inbox/rules.ts); the panel offers exactly what it allows.
  const VIEWS: [Role, Access, Status][] = [
    ...(['active', 'closed', 'archived'] as Status[]).map((status): [Role, Access, Status] => ['rep', 'owner', status]),
    ['rep', 'offered', 'pending'],
    ...(['pending', 'active', 'closed', 'archived'] as Status[]).flatMap((status): [Role, Access, Status][] => [
      ['rep', 'reader', status],
      ['observer', 'supervisor', status],
      ['admin', 'supervisor', status],
    ]),
  ];
  it.each(VIEWS)(
    'offers transfer as the rules table allows it: %s with %s access to a %s conversation',
    (role, access, status) => {
      const actions = conversationActions(conv(status, access, access === 'owner' ? 'rep-anna' : 'rep-ben'), me(role));
      expect({ rep: actions.transfer, queue: actions.transferToQueue }).toEqual({
        rep: RULES.transfer({ role, access, status, target: 'rep' }) === null,
        queue: RULES.transfer({ role, access, status, target: 'queue' }) === null,
      });
    },
  );

  it('offers nothing when signed out', () => {
    expect(on(conversationActions(conv('pending', 'offered'), null))).toEqual([]);
  });
});
