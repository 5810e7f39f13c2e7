import type { Conversation, Role } from '#protocol';

/**
 * What the side panel offers on one conversation. It only reflects the hub's decision: `access` and
 * `folder` come from the hub for this rep; the role says what a supervisor may do (FEATURES A4, C3–C7).
 * The hub checks every command again, so a stale button can at worst be refused.
 */
export interface ConversationActions {
  take: boolean;
  reply: boolean;
  transfer: boolean;
  /** Open conversations may also go to a queue; closed and archived ones to a rep only (hub rules.ts). */
  transferToQueue: boolean;
  markHandled: boolean;
  endSession: boolean;
  block: boolean;
  archive: boolean;
  unarchive: boolean;
  delete: boolean;
  /** Add or remove tags (FEATURES D7) and write internal notes (FEATURES D9): whoever may work on it. */
  annotate: boolean;
  /** Why the rep can only read, if they can: they handed it on, or they observe as a supervisor. */
  readOnly: 'reader' | 'observer' | null;
}

const NOTHING: ConversationActions = {
  take: false,
  reply: false,
  transfer: false,
  transferToQueue: false,
  markHandled: false,
  endSession: false,
  block: false,
  archive: false,
  unarchive: false,
  delete: false,
  annotate: false,
  readOnly: null,
};

export function conversationActions(
  c: Pick<Conversation, 'status' | 'folder' | 'access' | 'ownerId'>,
  me: { id: string; role: Role } | null,
): ConversationActions {
  if (!me || c.folder === 'none' || c.access === 'none') return NOTHING;
  // Observers never write, whatever else is true (FEATURES A4); the hub refuses it anyway.
  const writer = me.role !== 'observer';
  const superUser = me.role === 'admin' && c.access === 'supervisor';
  /** Acts on it as its owner does: the owner, or a super user through their role. */
  const manage = writer && (c.access === 'owner' || superUser);
  const offered = writer && c.access === 'offered' && c.status === 'pending';
  const open = c.status === 'pending' || c.status === 'active';
  const readOnly = c.access === 'reader' ? 'reader' : me.role === 'observer' ? 'observer' : null;
  return {
    // Offered to me; or anyone's for a super user; or closed and mine to take again (FEATURES C1).
    take: offered || (superUser && open && c.ownerId !== me.id) || (manage && c.status === 'closed'),
    // The first reply claims an offered conversation as Take does (FEATURES C3).
    reply: open && (manage || offered),
    // Supervisors of either kind may transfer, also from Closed and the archive (FEATURES A4, C7).
    transfer: c.access === 'owner' || c.access === 'supervisor',
    transferToQueue: (c.access === 'owner' || c.access === 'supervisor') && open,
    markHandled: manage && c.status === 'active',
    endSession: manage && c.status === 'active',
    block: manage && c.status !== 'archived',
    archive: manage && c.status === 'closed',
    unarchive: manage && c.status === 'archived',
    delete: manage && (c.status === 'closed' || c.status === 'archived'),
    annotate: manage || offered,
    readOnly,
  };
}
