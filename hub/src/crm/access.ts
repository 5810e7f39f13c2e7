import type { RepProfile } from '#protocol';
import { HubError } from '../inbox/errors';
import { accessFor, type ConversationSnapshot } from '../inbox/folders';
import { chatsForRep } from '../inbox/rep';
import { loadConversation } from '../inbox/rows';
import type { Sql } from '../storage/db';
import type { ContactAccessInfo } from './connector';
import { phoneKey } from './phone';

/**
 * Who may see and change customer records (FEATURES E, I4), decided on the hub for the rep's current mode:
 * - a conversation's card: anyone who can see the conversation (as for its messages);
 * - a record: supervisors and super users any; a rep the records they own, are assigned a task on,
 *   or that a conversation they can see (owner, offered, or reader) belongs to — linked to it by a
 *   rep, or its visitor's email verified by the shop, or (messaging channels) its phone; an email the
 *   visitor only typed opens nothing (issue 14, identity.ts);
 * - linking a conversation to the record its visitor's typed email suggests: its owner, or a
 *   supervisor or super user (observers never);
 * - changing a record: whoever may read it, except observers (they never act on conversations);
 * - creating a lead: the conversation's owner, or a super user.
 */

/** The conversation if this rep can see it; otherwise not_found (never saying it exists). */
export async function visibleConversation(
  tx: Sql,
  rep: RepProfile,
  conversationId: string,
): Promise<ConversationSnapshot> {
  const conv = await loadConversation(tx, conversationId);
  const chats = await chatsForRep(tx, rep);
  if (!conv || (chats !== 'all' && !chats.includes(conv.chatId)) || accessFor(conv, rep) === 'none')
    throw new HubError('not_found', 'no such conversation');
  return conv;
}

export async function canReadContact(tx: Sql, rep: RepProfile, info: ContactAccessInfo): Promise<boolean> {
  if (rep.role !== 'rep' || info.owner?.id === rep.id) return true;
  const [row] = await tx.query(
    `select 1 where exists (
       select 1 from conversations c join visitors v on v.id = c.visitor_id
        where (c.contact_id = $4
               or (v.email_verified and v.email = $2)
               or (c.channel <> 'web' and v.phone is not null and $3::text is not null and regexp_replace(v.phone, '[^0-9+]', '', 'g') = $3))
          and c.status <> 'abandoned'
          and (c.owner_id = $1 or $1 = any(c.readers) or (c.status = 'pending' and $1 = any(c.offered_to))))
     or exists (select 1 from crm_tasks where contact_id = $4 and assignee_id = $1)`,
    [rep.id, info.email, phoneKey(info.phone), info.id],
  );
  return !!row;
}

export const canEditAs = (rep: RepProfile) => rep.role !== 'observer';

/** Who may link a conversation to a record after checking who the visitor is: the one answering it, or those above. */
export const canLinkAs = (rep: RepProfile, conv: Pick<ConversationSnapshot, 'ownerId'>) =>
  canEditAs(rep) && (rep.role !== 'rep' || conv.ownerId === rep.id);

/** Throws not_found when the rep may not read it, forbidden when they may read but not change it. */
export async function requireContact(
  tx: Sql,
  rep: RepProfile,
  info: ContactAccessInfo | null,
  edit: boolean,
): Promise<ContactAccessInfo> {
  if (!info || !(await canReadContact(tx, rep, info))) throw new HubError('not_found', 'no such record');
  if (edit && !canEditAs(rep)) throw new HubError('forbidden', 'observers cannot change customer records');
  return info;
}
