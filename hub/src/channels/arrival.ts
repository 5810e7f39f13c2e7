import type { ChannelProvider } from '#protocol';
import type { Sql } from '../storage/db';

/**
 * What a channel message changes on its conversation as it is stored (FEATURES G2, C9), inside the
 * visitor-message transaction (inbox/visitor.ts) so the events it logs already show it: the
 * provider's id on the message, when the customer last wrote (WhatsApp's 24-hour window), whether
 * the sender is unknown to the customer store, and the record a rep added them as.
 */
export interface ChannelArrival {
  name: ChannelProvider;
  providerMessageId: string;
  /** When the provider says the customer sent it. */
  at: Date;
  /** No customer-store record matches the sender. */
  unknown: boolean;
  /** The record a rep made of this sender (Add contact), which every conversation of theirs belongs to. */
  contactId: string | null;
}

export async function markArrival(tx: Sql, conversationId: string, messageId: string, a: ChannelArrival) {
  await tx.query('update messages set provider_message_id = $2 where id = $1', [messageId, a.providerMessageId]);
  await tx.query(
    `update conversations set unknown_sender = $2, contact_id = coalesce(contact_id, $3),
            last_inbound_at = greatest(coalesce(last_inbound_at, $4), $4) where id = $1`,
    [conversationId, a.unknown, a.contactId, a.at],
  );
}
