import type { RepProfile, ReviewDecision } from '#protocol';
import { appendEvent, writeTx, type StoredEvent } from '../events/log';
import { HubError } from '../inbox/errors';
import { accessFor } from '../inbox/folders';
import { audienceOf } from '../inbox/log-change';
import { once } from '../inbox/once';
import { chatsForRep } from '../inbox/rep';
import { loadConversation, toMessage, type MessageRow } from '../inbox/rows';
import type { Db, Sql } from '../storage/db';
import type { ConversationSnapshot } from '../inbox/folders';
import type { FileRow } from './records';
import { reviewRule } from './rules';

export interface Review {
  rep: RepProfile;
  conversationId: string;
  fileId: string;
  decision: ReviewDecision;
  clientId: string;
}

/**
 * A file's decision, in the caller's transaction: its row, the message showing it (the widget and the
 * inbox both hear it through `message.updated`). `reviewer` null: the hub decided (expiry.ts).
 */
export async function decide(
  tx: Sql,
  file: FileRow,
  conv: ConversationSnapshot,
  status: 'accepted' | 'rejected',
  reviewer: string | null,
): Promise<StoredEvent> {
  await tx.query('update files set status = $2, reviewed_by = $3, reviewed_at = clock_timestamp() where id = $1', [
    file.id,
    status,
    reviewer,
  ]);
  const [row] = await tx.query<MessageRow>(
    `update messages set attachment = jsonb_set(attachment, '{status}', to_jsonb($2::text)) where id = $1 returning *`,
    [file.message_id, status],
  );
  return appendEvent(
    tx,
    { kind: 'message.updated', chatId: conv.chatId, message: toMessage(row) },
    { conversationId: conv.id, visitorId: conv.visitorId, audience: audienceOf(conv) },
  );
}

/**
 * A rep accepts or rejects a visitor's file (FEATURES D4). The file's row and the message showing it
 * change in one transaction with a `message.updated` event, so the rep's inbox and the visitor's
 * widget both hear the outcome. Returns whether the file was rejected (its bytes are then deleted).
 */
export async function reviewFile(db: Db, r: Review): Promise<{ rejected: boolean; events: StoredEvent[] }> {
  return writeTx(db, async (tx) => {
    const events: StoredEvent[] = [];
    const { result } = await once(tx, `r:${r.rep.id}`, r.clientId, 'reviewFile', async () => {
      const [file] = await tx.query<FileRow>('select * from files where id = $1 for update', [r.fileId]);
      const conv =
        file && file.conversation_id === r.conversationId ? await loadConversation(tx, r.conversationId) : null;
      const chats = await chatsForRep(tx, r.rep);
      if (!file || !conv || (chats !== 'all' && !chats.includes(conv.chatId)))
        throw new HubError('not_found', 'no such file in this conversation');
      const verdict = reviewRule({ role: r.rep.role, access: accessFor(conv, r.rep), status: conv.status });
      if (verdict) throw new HubError(verdict.code, verdict.message);
      if (file.uploader !== 'visitor') throw new HubError('conflict', 'only files from the visitor wait for approval');
      if (file.status !== 'pending') throw new HubError('conflict', `this file was already ${file.status}`);
      const status = r.decision === 'accept' ? 'accepted' : 'rejected';
      events.push(await decide(tx, file, conv, status, r.rep.id));
      return { rejected: status === 'rejected' };
    });
    return { rejected: result.rejected, events };
  });
}
