import type { ChannelProvider } from '#protocol';
import type { StoredEvent } from '../events/log';
import type { FileStore } from '../files/store';
import { HubError } from '../inbox/errors';
import { postVisitorMessage } from '../inbox/visitor';
import type { Db } from '../storage/db';
import { loadConnection } from './connections';
import { storeIgnored } from './ignore';
import type { MessageItem } from './items';
import { splitLongText } from './long-text';
import { fetchMedia } from './media';
import { toE164 } from './phone';
import { isUnknown, upsertSender } from './senders-store';
import type { ChannelSettings } from './settings';

/**
 * A customer's message from a channel, processed from the stored webhook item (FEATURES G2, C9): its
 * files fetched first (outside any transaction), the sender matched by phone, then stored as the
 * visitor's message — routed like a widget conversation, without the bot. Each part is stored once
 * (its client id is the provider's id), so a retry after a failure part-way adds only what is
 * missing. A text longer than one message may be arrives as marked parts (long-text.ts). An ignored sender's message is kept on their ignored conversation, silently.
 */

export interface InboundDeps {
  db: Db;
  files: FileStore;
  settings: ChannelSettings;
  now: () => number;
}

export async function receiveMessage(
  deps: InboundDeps,
  chatId: string,
  provider: ChannelProvider,
  item: MessageItem,
): Promise<StoredEvent[]> {
  const { db } = deps;
  const conn = await loadConnection(db, deps.settings.secretKey, chatId, provider);
  if (!conn) return []; // the connection was removed since: nothing to deliver it to
  const phone = provider === 'messenger' ? null : toE164(item.from);
  const address = provider === 'messenger' ? item.from : (phone ?? item.from);

  const parts: { text: string; file?: Awaited<ReturnType<typeof fetchMedia>> }[] = [];
  for (const media of item.media)
    parts.push({ text: '', file: await fetchMedia(db, deps.files, deps.settings, conn, chatId, media) });
  const texts = item.text ? splitLongText(item.text) : parts.length === 0 ? ['(an empty message)'] : [];
  parts.unshift(...texts.map((text) => ({ text })));

  const events: StoredEvent[] = [];
  const sender = await db.transaction((tx) => upsertSender(tx, chatId, provider, address, item.name, phone));
  const unknown = await isUnknown(db, sender, phone, deps.now());
  for (const [i, part] of parts.entries()) {
    const file = part.file && 'file' in part.file ? part.file.file : undefined;
    const text = file ? file.name : part.file && 'refused' in part.file ? `(${part.file.refused})` : part.text;
    const clientId = `${provider}:${item.providerId}${i > 0 ? `:${i}` : ''}`;
    const arrival = {
      name: provider,
      providerMessageId: item.providerId,
      at: new Date(item.at),
      unknown,
      contactId: sender.contactId,
    };
    try {
      if (sender.ignored) {
        events.push(...(await storeIgnored(db, sender.visitorId, chatId, { clientId, text, file, arrival })));
        continue;
      }
      const { message, events: stored } = await postVisitorMessage(
        db,
        { chatId, visitorId: sender.visitorId, clientId, text, pageUrl: '', file, channel: arrival },
        deps.now(),
      );
      if (file && message.attachment?.id !== file.id) await deps.files.remove(file.id);
      events.push(...stored);
    } catch (err) {
      if (file) await deps.files.remove(file.id);
      // A blocked sender: their message is refused, as the widget's would be.
      if (err instanceof HubError && err.code === 'forbidden') return events;
      throw err;
    }
  }
  return events;
}
