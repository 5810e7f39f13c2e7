import type { ChannelProvider } from '#protocol';
import { crmConnector } from '../crm/registry';
import type { Sql } from '../storage/db';
import { newId } from '../storage/ids';

/**
 * Who writes on a channel (FEATURES C9, E1): one visitor per chat, provider and sender address, with
 * the name the provider gives and the phone number in E.164. Whether the customer store knows them:
 * a record a rep added them as (Add contact), else a record with their phone number.
 */

export interface ChannelSenderRow {
  visitorId: string;
  ignored: boolean;
  contactId: string | null;
}

export async function upsertSender(
  tx: Sql,
  chatId: string,
  provider: ChannelProvider,
  address: string,
  name: string | null,
  phone: string | null,
): Promise<ChannelSenderRow> {
  const [found] = await tx.query<{ visitor_id: string; ignored: boolean; contact_id: string | null }>(
    `select visitor_id, ignored_at is not null as ignored, contact_id from channel_senders
      where chat_id = $1 and provider = $2 and address = $3 for update`,
    [chatId, provider, address],
  );
  if (found) {
    await tx.query('update visitors set name = coalesce($2, name), last_seen_at = now() where id = $1', [
      found.visitor_id,
      name,
    ]);
    return { visitorId: found.visitor_id, ignored: found.ignored, contactId: found.contact_id };
  }
  const visitorId = newId('v');
  await tx.query('insert into visitors (id, chat_id, name, phone) values ($1, $2, $3, $4)', [
    visitorId,
    chatId,
    name,
    phone,
  ]);
  await tx.query('insert into channel_senders (chat_id, provider, address, visitor_id) values ($1, $2, $3, $4)', [
    chatId,
    provider,
    address,
    visitorId,
  ]);
  return { visitorId, ignored: false, contactId: null };
}

/** Is this sender unknown to the customer store? */
export async function isUnknown(
  tx: Sql,
  sender: ChannelSenderRow,
  phone: string | null,
  now: number,
): Promise<boolean> {
  if (sender.contactId) return false;
  if (!phone) return true;
  return !(await crmConnector().match({ tx, now, actor: null }, { email: null, phone }));
}
