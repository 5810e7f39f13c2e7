import type { ChannelProvider } from '#protocol';
import type { Sql } from '../storage/db';
import { newId } from '../storage/ids';
import { itemKey, type InboundItem } from './items';

/**
 * Stores a webhook's items before the hub answers the provider (FEATURES G2): each once, by its
 * provider id (the unique key), so a redelivered webhook adds nothing. Processing happens after,
 * from the table (worker.ts). Returns how many were new.
 */
export async function storeItems(
  db: Sql,
  chatId: string,
  provider: ChannelProvider,
  items: InboundItem[],
): Promise<number> {
  let added = 0;
  for (const item of items) {
    const rows = await db.query(
      `insert into channel_inbound (id, chat_id, provider, provider_id, kind, payload) values ($1, $2, $3, $4, $5, $6)
       on conflict (chat_id, provider, provider_id) do nothing returning id`,
      [newId('ci'), chatId, provider, itemKey(item), item.kind, JSON.stringify(item)],
    );
    added += rows.length;
  }
  return added;
}
