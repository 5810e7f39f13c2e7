import { DELIVERY_RANK, type ChannelProvider, type DeliveryStatus } from '#protocol';
import { writeTx, type StoredEvent } from '../events/log';
import type { MessageRow } from '../inbox/rows';
import type { Db, Sql } from '../storage/db';
import type { StatusItem } from './items';
import { logMessageUpdated } from './message-events';

/**
 * Where a reply's delivery stands (FEATURES G2): status callbacks arrive late, twice and out of order,
 * so a status only ever moves forward (DELIVERY_RANK); `failed` and `not_sent` are final and keep the
 * provider's error code and text, which no later `delivered` can hide.
 */

/** Moves the message to `status` if that is forward; the updated row, or null when it was not. */
export async function advanceDelivery(
  tx: Sql,
  messageId: string,
  status: DeliveryStatus,
  error: { code: string | null; text: string | null } = { code: null, text: null },
  providerMessageId: string | null = null,
): Promise<MessageRow | null> {
  const [row] = await tx.query<MessageRow>('select * from messages where id = $1 for update', [messageId]);
  if (!row) return null;
  const before = row.delivery_status ?? 'queued';
  if (row.delivery_status && DELIVERY_RANK[status] <= DELIVERY_RANK[before]) return null;
  const [updated] = await tx.query<MessageRow>(
    `update messages set delivery_status = $2, delivery_error_code = $3, delivery_error_text = $4,
            provider_message_id = coalesce($5, provider_message_id) where id = $1 returning *`,
    [messageId, status, error.code, error.text, providerMessageId],
  );
  return updated;
}

/** A status callback's item. Throws while the reply it names is not known yet (its send is not recorded): the worker retries it. */
export async function applyStatus(
  db: Db,
  chatId: string,
  provider: ChannelProvider,
  item: StatusItem,
): Promise<StoredEvent[]> {
  return writeTx(db, async (tx) => {
    const [message] = await tx.query<{ id: string }>(
      `select m.id from messages m join conversations c on c.id = m.conversation_id
        where m.provider_message_id = $1 and m.author = 'rep' and c.chat_id = $2 and c.channel = $3`,
      [item.providerId, chatId, provider],
    );
    if (!message) throw new Error(`no reply with the provider id ${item.providerId} (yet)`);
    const row = await advanceDelivery(tx, message.id, item.status, { code: item.errorCode, text: item.errorText });
    return row ? [await logMessageUpdated(tx, row)] : [];
  });
}
