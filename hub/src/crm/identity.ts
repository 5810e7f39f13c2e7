import type { ConversationSnapshot } from '../inbox/folders';
import type { Sql } from '../storage/db';
import type { CrmCall } from './connector';
import { crmConnector } from './registry';

/**
 * Which customer record a conversation belongs to (issue 14, FEATURES E1). An email the visitor
 * typed is a claim, never proof: it reaches no record. A conversation belongs to a record when
 * - a rep linked it, having checked who the visitor is (`conversations.contact_id`), or
 * - the visitor's email was verified by the shop (identity verification, `visitors.email_verified`), or
 * - on a messaging channel, the phone the channel itself vouches for matches.
 * A record matching an email the visitor only typed is a `suggestion`: shown to the rep as such, to
 * link after a check. The SQL rules elsewhere (access.ts, contact-chats.ts, tracking.ts,
 * annotations.ts) repeat these conditions in their queries: `v.email_verified` or `c.contact_id`.
 */
export interface ConversationRecord {
  visitor: { name: string | null; email: string | null; emailVerified: boolean; phone: string | null };
  /** The record it belongs to, or null. */
  contactId: string | null;
  /** A record whose email the visitor typed (unverified): a suggestion only. */
  suggestionId: string | null;
}

type VisitorRow = {
  name: string | null;
  email: string | null;
  email_verified: boolean;
  phone: string | null;
  contact_id: string | null;
};

export async function conversationRecord(
  call: CrmCall,
  conv: Pick<ConversationSnapshot, 'id' | 'visitorId' | 'channel'>,
): Promise<ConversationRecord> {
  const [row] = await call.tx.query<VisitorRow>(
    `select v.name, v.email, v.email_verified, v.phone, c.contact_id from conversations c join visitors v on v.id = c.visitor_id where c.id = $1`,
    [conv.id],
  );
  const visitor = {
    name: row?.name ?? null,
    email: row?.email ?? null,
    emailVerified: row?.email_verified ?? false,
    phone: row?.phone ?? null,
  };
  if (row?.contact_id) return { visitor, contactId: row.contact_id, suggestionId: null };
  const vouched = {
    email: visitor.emailVerified ? visitor.email : null,
    phone: conv.channel === 'web' ? null : visitor.phone,
  };
  const contactId = vouched.email || vouched.phone ? await crmConnector().match(call, vouched) : null;
  const typed =
    !contactId && visitor.email && !visitor.emailVerified
      ? await crmConnector().match(call, { email: visitor.email, phone: null })
      : null;
  return { visitor, contactId, suggestionId: typed };
}

/** Links a conversation to a record (a rep's check, or a lead made from it). */
export async function linkConversation(tx: Sql, conversationId: string, contactId: string): Promise<void> {
  await tx.query('update conversations set contact_id = $2 where id = $1', [conversationId, contactId]);
}
