import { phoneKey } from '../crm/phone';
import { crmConnector } from '../crm/registry';
import type { Sql } from '../storage/db';

/**
 * Who "a person" is for an export or an erasure (FEATURES H6): the customer record, and what the hub
 * holds of them outside the store — the visitors who gave the record's email (verified or typed) or
 * whose conversation a rep linked to it, the messaging-channel senders added as it or writing from its
 * phone number (FEATURES E1, G2), and every conversation of those visitors or linked to it.
 */
export interface Subject {
  contactId: string;
  /** The record's email, lower-case; null for a record without one (then only linked conversations count). */
  email: string | null;
  visitorIds: string[];
  conversationIds: string[];
}

export async function subjectOf(tx: Sql, contactId: string, now: number): Promise<Subject | null> {
  const info = await crmConnector().contactInfo({ tx, now, actor: null }, contactId);
  if (!info) return null;
  const email = info.email?.trim().toLowerCase() || null;
  const visitors = await tx.query<{ id: string }>(
    `select id from visitors where $1::text is not null and lower(email) = $1
     union select visitor_id from conversations where contact_id = $2
     union select visitor_id from channel_senders
      where contact_id = $2 or ($3::text is not null and regexp_replace(address, '[^0-9+]', '', 'g') = $3)
     order by 1`,
    [email, contactId, phoneKey(info.phone)],
  );
  const visitorIds = visitors.map((v) => v.id);
  const conversations = await tx.query<{ id: string }>(
    'select id from conversations where contact_id = $1 or visitor_id = any($2) order by created_at, id',
    [contactId, visitorIds],
  );
  return { contactId, email, visitorIds, conversationIds: conversations.map((c) => c.id) };
}
