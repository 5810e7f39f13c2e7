import type { Access, ConversationStatus, ErrorCode, Role } from '#protocol';

/**
 * Who may do what to a conversation (FEATURES A4, C3–C7) as one table: for each command, a rule over
 * the sender's role, their access to the conversation and its status. The hub checks it for every
 * command; the UI only mirrors it.
 */
export type InboxCommand =
  | 'take'
  | 'send'
  | 'transfer'
  | 'markHandled'
  | 'endSession'
  | 'block'
  | 'archive'
  | 'unarchive'
  | 'delete'
  | 'tag'
  | 'note'
  | 'addContact'
  | 'ignoreSender';

export interface Subject {
  role: Role;
  access: Access;
  status: ConversationStatus;
  /** Transfer only: where it goes. */
  target?: 'rep' | 'queue';
}

type Verdict = null | { code: ErrorCode; message: string };
const ok: Verdict = null;
const no = (code: ErrorCode, message: string): Verdict => ({ code, message });

/** Owners act on their conversations; super users on any. */
const ownerOrAdmin = (s: Subject) => s.access === 'owner' || s.role === 'admin';

const needStatus = (s: Subject, allowed: ConversationStatus[], what: string): Verdict =>
  allowed.includes(s.status) ? ok : no('conflict', `${what} is not possible while the conversation is ${s.status}`);

export const RULES: Record<InboxCommand, (s: Subject) => Verdict> = {
  take(s) {
    if (s.role === 'observer') return no('forbidden', 'observers cannot take conversations');
    if (s.status === 'active')
      return no(
        'conflict',
        s.access === 'owner' ? 'you already have this conversation' : 'this conversation was already taken',
      );
    if (s.status === 'pending')
      return s.access === 'offered' || s.role === 'admin'
        ? ok
        : no('forbidden', 'this conversation is not offered to you');
    if (s.status === 'closed')
      return s.access === 'owner' || s.access === 'reader' || s.role === 'admin'
        ? ok
        : no('forbidden', 'you cannot take this conversation');
    return no('conflict', `a conversation that is ${s.status} cannot be taken`);
  },
  send(s) {
    if (s.role === 'observer') return no('forbidden', 'observers cannot reply');
    if (s.status === 'pending')
      return s.access === 'offered' || s.role === 'admin'
        ? ok
        : no('forbidden', 'this conversation is not offered to you');
    if (s.status !== 'active') return no('conflict', 'this conversation is closed');
    return ownerOrAdmin(s) ? ok : no('forbidden', 'another rep owns this conversation');
  },
  // Open conversations go to a rep's Active or a queue's Pending (FEATURES C4). Closed and archived ones
  // may be handed to a rep from their folder (FEATURES C7: "from the archived list: transfer"); they stay
  // closed or archived, now the new owner's. A queue would offer a finished conversation as waiting.
  transfer(s) {
    if (!(s.access === 'owner' || s.role !== 'rep'))
      return no('forbidden', 'only the owner or a supervisor can transfer');
    if (s.status === 'closed' || s.status === 'archived') {
      return s.target === 'queue'
        ? no('conflict', `a ${s.status} conversation can be transferred to a rep, not to a queue`)
        : ok;
    }
    return needStatus(s, ['pending', 'active'], 'a transfer');
  },
  markHandled: (s) =>
    ownerOrAdmin(s)
      ? needStatus(s, ['active', 'closed'], 'marking it handled')
      : no('forbidden', 'only the owner can mark it handled'),
  endSession: (s) =>
    ownerOrAdmin(s)
      ? needStatus(s, ['active'], 'ending the session')
      : no('forbidden', 'only the owner can end the session'),
  block: (s) =>
    ownerOrAdmin(s)
      ? needStatus(s, ['pending', 'active', 'closed'], 'blocking')
      : no('forbidden', 'only the owner can block the visitor'),
  archive: (s) =>
    ownerOrAdmin(s) ? needStatus(s, ['closed'], 'archiving') : no('forbidden', 'only the owner can archive'),
  unarchive: (s) =>
    ownerOrAdmin(s) ? needStatus(s, ['archived'], 'unarchiving') : no('forbidden', 'only the owner can unarchive'),
  delete: (s) =>
    ownerOrAdmin(s) ? needStatus(s, ['closed', 'archived'], 'deleting') : no('forbidden', 'only the owner can delete'),
  // Tags and notes change the conversation, so read-only viewers (observers, readers) may not add
  // them (FEATURES A4: supervisors see everything read-only). Whoever may work on it may: its owner, a rep it
  // is offered to (to triage before taking it), and super users. In any folder, so archives can be sorted.
  tag: (s) => annotate(s, 'tag'),
  note: (s) => annotate(s, 'add notes to'),
  // An unknown channel sender (FEATURES C9): whoever may work on the conversation adds them or ignores them.
  addContact: (s) => annotate(s, 'add a contact from'),
  ignoreSender: (s) =>
    s.role === 'observer'
      ? no('forbidden', 'observers cannot ignore senders')
      : s.access === 'owner' || s.role === 'admin' || (s.access === 'offered' && s.status === 'pending')
        ? needStatus(s, ['pending', 'active', 'closed'], 'ignoring the sender')
        : no('forbidden', 'only the owner can ignore this sender'),
};

function annotate(s: Subject, what: string): Verdict {
  if (s.role === 'observer') return no('forbidden', `observers cannot ${what} conversations`);
  if (s.access === 'owner' || s.role === 'admin' || (s.access === 'offered' && s.status === 'pending'))
    return needStatus(s, ['pending', 'active', 'closed', 'archived'], `${what === 'tag' ? 'tagging' : 'a note'}`);
  return no('forbidden', `only the owner can ${what} this conversation`);
}
