import type { StoredEvent } from '../events/log';
import { logConversation } from '../inbox/log-change';
import { loadConversation } from '../inbox/rows';
import { rerouteQueues } from '../routing/route';
import type { Sql } from '../storage/db';

/**
 * Waiting conversations leaving a queue or chat that is being deleted (FEATURES H2), inside the
 * delete's transaction: each goes to `toQueueId` with a fresh offer. Leaving a chat, its visitor
 * goes along with every conversation they had there (a visitor belongs to one chat), and reps of
 * the target chat are told of each as a newly opened one.
 */
export type MoveFrom = { queueId: string } | { chatId: string; toChatId: string };

/** Pending conversations in a queue or a chat. */
export async function waitingIn(tx: Sql, column: 'queue_id' | 'chat_id', id: string): Promise<number> {
  const [{ n }] = await tx.query<{ n: number | string }>(
    `select count(*) as n from conversations where ${column} = $1 and status = 'pending'`,
    [id],
  );
  return Number(n);
}

export async function moveWaiting(
  tx: Sql,
  move: { from: MoveFrom; toQueueId: string; now: number },
): Promise<StoredEvent[]> {
  const { from, toQueueId, now } = move;
  const [column, fromId] =
    'queueId' in from ? (['queue_id', from.queueId] as const) : (['chat_id', from.chatId] as const);
  const waiting = await tx.query<{ id: string; visitor_id: string }>(
    `select id, visitor_id from conversations where ${column} = $1 and status = 'pending' order by created_at, id for no key update`,
    [fromId],
  );
  const events: StoredEvent[] = [];
  let moved: string[] = waiting.map((w) => w.id);
  if ('toChatId' in from) {
    const visitors = [...new Set(waiting.map((w) => w.visitor_id))];
    await tx.query('update visitors set chat_id = $2 where id = any($1)', [visitors, from.toChatId]);
    const all = await tx.query<{ id: string }>(
      'update conversations set chat_id = $2 where visitor_id = any($1) returning id',
      [visitors, from.toChatId],
    );
    moved = all.map((c) => c.id);
  }
  await tx.query(
    `update conversations set queue_id = $2, offered_to = '{}', offer_expires_at = null, tried = '{}' where id = any($1)`,
    [waiting.map((w) => w.id), toQueueId],
  );
  for (const id of moved) {
    const before = (await loadConversation(tx, id))!;
    const kind = 'toChatId' in from ? 'conversation.opened' : 'conversation.updated';
    events.push((await logConversation(tx, kind, id, before)).event);
  }
  events.push(...(await rerouteQueues(tx, [toQueueId], now)));
  return events;
}
