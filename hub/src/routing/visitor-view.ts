import type { BusinessHours, ChatAvailability, QueuePosition } from '#protocol';
import type { StoredEvent } from '../events/log';
import type { Sql } from '../storage/db';
import { isOpen } from './hours';
import { WORKS_IN_QUEUE_CHAT } from './route';
import { queueEstimate, type RepLoad } from './strategies';

/**
 * What a visitor is told about being answered (FEATURES A3, C2, C8): the chat's availability and each
 * waiting conversation's place and expected wait. Computed for a whole chat at once and shared by
 * all of its visitors' sockets, so a change costs a few queries per chat, not per visitor online.
 */
export interface ChatView {
  availability: ChatAvailability;
  /** Place and expected wait while the conversation is pending in a queue; null otherwise. */
  queueOf(conversationId: string | null): QueuePosition | null;
}

/** Closed outside business hours; unavailable when no rep working in the chat is online (invisible ones don't count). */
async function availabilityOf(db: Sql, chatId: string, now: number): Promise<ChatAvailability> {
  const [chat] = await db.query<{ hours: BusinessHours | null }>('select hours from chats where id = $1', [chatId]);
  if (!isOpen(chat?.hours ?? null, new Date(now))) return 'closed';
  const [online] = await db.query(
    `select 1 from queue_members m join queues q on q.id = m.queue_id join reps r on r.id = m.rep_id
      where q.chat_id = $1 and r.status = 'online' and ${WORKS_IN_QUEUE_CHAT} limit 1`,
    [chatId],
  );
  return online ? 'open' : 'unavailable';
}

export async function chatView(db: Sql, chatId: string, now: number): Promise<ChatView> {
  const availability = await availabilityOf(db, chatId, now);
  const waiting = await db.query<{ id: string; queue_id: string; pos: string }>(
    `select id, queue_id, row_number() over (partition by queue_id order by created_at, id) as pos
       from conversations where chat_id = $1 and status = 'pending' and queue_id is not null`,
    [chatId],
  );
  if (waiting.length === 0) return { availability, queueOf: () => null };
  const waits = await db.query<{ queue_id: string; ms: number }>(
    `select q.id as queue_id, w.ms from queues q cross join lateral (
        select extract(epoch from (c.first_rep_at - c.created_at)) * 1000 as ms from conversations c
         where c.queue_id = q.id and c.first_rep_at is not null order by c.first_rep_at desc limit 20) w
      where q.chat_id = $1`,
    [chatId],
  );
  const reps = await db.query<{ queue_id: string; status: RepLoad['status'] }>(
    `select m.queue_id, r.status from queue_members m join queues q on q.id = m.queue_id join reps r on r.id = m.rep_id where q.chat_id = $1 and ${WORKS_IN_QUEUE_CHAT}`,
    [chatId],
  );
  const byQueue = <T extends { queue_id: string }>(rows: T[]) => {
    const out = new Map<string, T[]>();
    for (const r of rows) out.set(r.queue_id, [...(out.get(r.queue_id) ?? []), r]);
    return out;
  };
  const waitsOf = byQueue(waits);
  const repsOf = byQueue(reps);
  const place = new Map(waiting.map((w) => [w.id, w]));
  return {
    availability,
    queueOf(conversationId) {
      const w = conversationId ? place.get(conversationId) : undefined;
      if (!w) return null;
      const loads = (repsOf.get(w.queue_id) ?? []).map((r, i) => ({
        id: String(i),
        status: r.status,
        active: 0,
        capacity: 1,
        order: i,
      }));
      const estimate = queueEstimate(
        Number(w.pos),
        (waitsOf.get(w.queue_id) ?? []).map((x) => Number(x.ms)),
        loads,
      );
      return { position: estimate.position, expectedWaitMs: estimate.expectedWaitMs };
    },
  };
}

/** Opening hours begin and end with no event to announce them: a view is recomputed at least this often. */
const MAX_AGE_MS = 30_000;

export type VisitorViews = ReturnType<typeof createVisitorViews>;

/**
 * One shared view per chat, dropped whenever something that can change it happens (any event of
 * the chat but a message) and rebuilt on the next request: all sockets asking meanwhile share it.
 */
export function createVisitorViews(db: Sql, now: () => number) {
  const cache = new Map<string, { at: number; view: Promise<ChatView> }>();
  return {
    view(chatId: string): Promise<ChatView> {
      const hit = cache.get(chatId);
      if (hit && Math.abs(now() - hit.at) < MAX_AGE_MS) return hit.view;
      const entry = { at: now(), view: chatView(db, chatId, now()) };
      cache.set(chatId, entry);
      entry.view.catch(() => cache.get(chatId) === entry && cache.delete(chatId));
      return entry.view;
    },
    /** A chat's settings or members changed outside the event log (or, without a chat id, any chat's). */
    invalidate(chatId?: string) {
      if (chatId) cache.delete(chatId);
      else cache.clear();
    },
    onEvent(e: StoredEvent) {
      if (e.event.kind !== 'message.created' && e.event.kind !== 'message.updated') cache.delete(e.event.chatId);
    },
  };
}
