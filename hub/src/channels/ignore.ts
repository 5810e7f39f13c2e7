import { appendEvent, writeTx, type StoredEvent } from '../events/log';
import { attachmentOf, insertFile, type NewFile } from '../files/records';
import { run, updated, type CommandArgs } from '../inbox/commands';
import { HubError } from '../inbox/errors';
import { stakeholders } from '../inbox/folders';
import { preview, toMessage, type MessageRow } from '../inbox/rows';
import { rerouteForReps } from '../inbox/rep';
import type { Db } from '../storage/db';
import { newId } from '../storage/ids';
import { markArrival, type ChannelArrival } from './arrival';

/**
 * Ignore (FEATURES C9): an unknown channel sender's conversation is archived without routing, and
 * whatever they send later is kept on it — stored, never offered, no alert — where a rep can still
 * read it (and take it back from the archive).
 */

export const ignoreSender = (db: Db, a: CommandArgs) =>
  run(db, a.rep, 'ignoreSender', a.conversationId, a.clientId, async (tx, conv) => {
    if (conv.channel === 'web') throw new HubError('conflict', 'only a messaging channel sender can be ignored');
    await tx.query('update channel_senders set ignored_at = now() where visitor_id = $1', [conv.visitorId]);
    await tx.query(
      `update conversations set status = 'archived', closed_reason = 'ignored', closed_at = clock_timestamp(), offered_to = '{}', offer_expires_at = null where id = $1`,
      [conv.id],
    );
    return [await updated(tx, conv), ...(await rerouteForReps(tx, [conv.ownerId], a.now ?? Date.now()))];
  });

/** A message from an ignored sender: onto their latest conversation, unrouted; once per client id. */
export function storeIgnored(
  db: Db,
  visitorId: string,
  chatId: string,
  m: { clientId: string; text: string; file?: NewFile; arrival: ChannelArrival },
): Promise<StoredEvent[]> {
  return writeTx(db, async (tx) => {
    const senderKey = `v:${visitorId}`;
    const [dupe] = await tx.query('select 1 from messages where sender_key = $1 and client_id = $2', [
      senderKey,
      m.clientId,
    ]);
    if (dupe) return [];
    const [conv] = await tx.query<{ id: string; owner_id: string | null; offered_to: string[]; readers: string[] }>(
      'select id, owner_id, offered_to, readers from conversations where visitor_id = $1 order by created_at desc limit 1 for no key update',
      [visitorId],
    );
    if (!conv) throw new Error('an ignored sender without a conversation');
    const [row] = await tx.query<MessageRow>(
      `insert into messages (id, conversation_id, sender_key, client_id, author, text, attachment, created_at)
       values ($1, $2, $3, $4, 'visitor', $5, $6, clock_timestamp()) returning *`,
      [newId('m'), conv.id, senderKey, m.clientId, m.text, m.file ? JSON.stringify(attachmentOf(m.file)) : null],
    );
    if (m.file) await insertFile(tx, conv.id, row.id, m.file);
    await tx.query('update conversations set last_message_at = $2, last_message_preview = $3 where id = $1', [
      conv.id,
      row.created_at,
      preview(m.text),
    ]);
    await markArrival(tx, conv.id, row.id, m.arrival);
    const audience = stakeholders({ ownerId: conv.owner_id, offeredTo: conv.offered_to, readers: conv.readers });
    return [
      await appendEvent(
        tx,
        { kind: 'message.created', chatId, message: toMessage(row) },
        { conversationId: conv.id, visitorId, audience },
      ),
    ];
  });
}
