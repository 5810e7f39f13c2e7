import type { BusinessHours, ChatAvailability, QueuePosition } from '../../../protocol';
import type { Sql } from '../storage/db';
import { isOpen } from './hours';
import { queueEstimate, type RepLoad } from './strategies';

/** What a visitor is told about being answered (SPEC A3, C2, C8). */

/** Closed outside business hours; unavailable when no rep of the chat is online (invisible ones don't count). */
export async function chatAvailability(db: Sql, chatId: string, now: number): Promise<ChatAvailability> {
  const [chat] = await db.query<{ hours: BusinessHours | null }>('select hours from chats where id = $1', [chatId]);
  if (!isOpen(chat?.hours ?? null, new Date(now))) return 'closed';
  const [online] = await db.query(
    `select 1 from queue_members m join queues q on q.id = m.queue_id join reps r on r.id = m.rep_id
      where q.chat_id = $1 and r.status = 'online' limit 1`,
    [chatId],
  );
  return online ? 'open' : 'unavailable';
}

/** Place in the queue and expected wait while the conversation is pending; null once a rep has it. */
export async function queuePosition(db: Sql, conversationId: string): Promise<QueuePosition | null> {
  const [conv] = await db.query<{ queue_id: string | null; status: string; created_at: Date }>('select queue_id, status, created_at from conversations where id = $1', [conversationId]);
  if (!conv || conv.status !== 'pending' || !conv.queue_id) return null;
  const [{ ahead }] = await db.query<{ ahead: string }>(
    `select count(*) as ahead from conversations where queue_id = $1 and status = 'pending' and (created_at, id) < ($2, $3)`,
    [conv.queue_id, conv.created_at, conversationId],
  );
  const waits = await db.query<{ ms: number }>(
    `select extract(epoch from (first_rep_at - created_at)) * 1000 as ms from conversations
      where queue_id = $1 and first_rep_at is not null order by first_rep_at desc limit 20`,
    [conv.queue_id],
  );
  const reps = await db.query<{ status: RepLoad['status'] }>('select r.status from queue_members m join reps r on r.id = m.rep_id where m.queue_id = $1', [conv.queue_id]);
  const loads = reps.map((r, i) => ({ id: String(i), status: r.status, active: 0, capacity: 1, order: i }));
  const estimate = queueEstimate(Number(ahead) + 1, waits.map((w) => Number(w.ms)), loads);
  return { position: estimate.position, expectedWaitMs: estimate.expectedWaitMs };
}
