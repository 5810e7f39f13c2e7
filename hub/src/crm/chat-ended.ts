import type { RepProfile } from '#protocol';
import type { ConversationSnapshot } from '../inbox/folders';
import type { Sql } from '../storage/db';
import { conversationRecord } from './identity';
import { crmConnector } from './registry';

/**
 * FEATURES E9: when a chat ends (end session, or marked handled) its transcript summary joins the
 * customer's activity feed — start and end time, rep, contact, first message, and the conversation
 * id that opens the whole transcript. Runs in the closing transaction: both happen or neither.
 * A conversation that belongs to no record (identity.ts) leaves nothing in the store.
 */
export async function recordChatEnded(
  tx: Sql,
  conv: ConversationSnapshot,
  actor: RepProfile,
  now: number,
): Promise<void> {
  const call = { tx, now, actor };
  const connector = crmConnector();
  // Only a conversation that belongs to the record (identity.ts): a typed email attaches no transcript.
  const { visitor, contactId } = await conversationRecord(call, conv);
  if (!contactId) return;
  const contact = await connector.contactInfo(call, contactId);
  const [stats] = await tx.query<{ first_text: string | null; started_at: Date | null; ended_at: Date; n: string }>(
    `select (select text from messages where conversation_id = $1 and author = 'visitor' order by created_at, id limit 1) as first_text,
            (select min(created_at) from messages where conversation_id = $1) as started_at,
            (select closed_at from conversations where id = $1) as ended_at,
            (select count(*) from messages where conversation_id = $1) as n`,
    [conv.id],
  );
  await connector.addChatSummary(call, contactId, {
    conversationId: conv.id,
    startedAt: (stats.started_at ?? new Date(conv.createdAt)).toISOString(),
    endedAt: (stats.ended_at ?? new Date(now)).toISOString(),
    rep: conv.ownerId ? { id: conv.ownerId, name: conv.ownerName ?? '' } : null,
    contactName: contact?.name ?? visitor.name ?? visitor.email ?? '',
    firstMessage: stats.first_text ?? '',
    messageCount: Number(stats.n),
  });
}
