import type { Conversation, HubEvent, RepProfile } from '#protocol';
import type { StoredEvent } from '../../events/log';
import { forViewer, type ConversationSnapshot } from '../../inbox/folders';

/** Which logged events a rep's socket passes on, and in what shape: the per-rep filter of the feed. */

/** Is this event for this rep? Supervisors see every event of every chat; reps only their chats and audience. */
export function visibleTo(rep: Pick<RepProfile, 'id' | 'role'>, chats: string[] | 'all', e: StoredEvent): boolean {
  // Account changes are acted on by the socket (account-watch.ts), never passed on.
  if (e.event.kind === 'rep.account') return false;
  // Personal notifications (FEATURES E6) go to their addressee only, whatever their chats or role.
  if (e.event.kind === 'crm.notification') return e.audience?.includes(rep.id) ?? false;
  // An erasure (FEATURES H6) reaches every rep: any of them may hold a copy of the person's data.
  if (e.event.kind === 'person.erased') return true;
  // A card changed (issue 20): ids only, for whichever rep is viewing it.
  if (e.event.kind === 'contact.changed') return true;
  if (chats !== 'all' && !chats.includes(e.event.chatId)) return false;
  return rep.role !== 'rep' || e.audience === null || e.audience.includes(rep.id);
}

/** The event as this rep receives it: conversations carry this rep's folder and access. */
export function eventFor(rep: Pick<RepProfile, 'id' | 'role'>, event: HubEvent): HubEvent {
  if (event.kind !== 'conversation.opened' && event.kind !== 'conversation.updated') return event;
  return {
    ...event,
    conversation: forViewer(event.conversation as unknown as ConversationSnapshot, rep) as Conversation,
  };
}
