import { HubError } from '../inbox/errors';
import { canLinkAs, visibleConversation } from './access';
import { conversationRecord, linkConversation } from './identity';
import { card } from './reads';
import { crmConnector } from './registry';
import type { Write } from './writes';

/**
 * Issue 14: an email the visitor typed only suggests a record. Once the rep has checked who the
 * visitor is (an order number, a call) they link the conversation to that record — the suggested
 * one only — and the record's feed says who did. Answers the conversation's card, now the record's.
 */
export const linkContact: Write<'linkContact'> = async (call, r) => {
  const conv = await visibleConversation(call.tx, call.actor, r.conversationId);
  if (!canLinkAs(call.actor, conv))
    throw new HubError(
      'forbidden',
      'only the rep answering this conversation, or a supervisor, can link it to a record',
    );
  const { visitor, contactId, suggestionId } = await conversationRecord(call, conv);
  if (contactId) throw new HubError('conflict', 'this conversation already belongs to a record');
  if (!suggestionId || suggestionId !== r.contactId || !visitor.email)
    throw new HubError('conflict', "that is not the record the visitor's email suggests");
  await linkConversation(call.tx, conv.id, suggestionId);
  await crmConnector().addLinkActivity(call, suggestionId, { conversationId: conv.id, typedEmail: visitor.email });
  const { result } = await card(call, { op: 'card', conversationId: conv.id });
  return { answer: { op: 'linkContact', result }, events: [] };
};
