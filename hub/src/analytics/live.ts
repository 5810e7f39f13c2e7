import { ANALYTICS_LIMITS, type QueueLive } from '#protocol';
import { WORKS_IN_QUEUE_CHAT } from '../routing/route';
import type { Sql } from '../storage/db';

/**
 * The queues as they are now, for supervisors' live view (FEATURES H4): per queue, how many
 * conversations wait and since when the longest has, its reps online, away and at capacity (online
 * with as many active conversations as their capacity in it), offers whose deadline is near, and
 * offers that lapsed in the last hour. Reps count as in routing (route.ts): members who work in the
 * queue's chat and are not watching in observer mode.
 */
type Row = {
  id: string;
  name: string;
  chat_id: string;
  chat_name: string;
  waiting: number;
  oldest: Date | null;
  online: number;
  away: number;
  at_capacity: number;
  lapsing: number;
  lapsed: number;
};

export async function queueLive(db: Sql, now: number): Promise<QueueLive[]> {
  const rows = await db.query<Row>(
    `select q.id, q.name, q.chat_id, ch.name as chat_name,
            coalesce(w.waiting, 0)::int as waiting, w.oldest, coalesce(w.lapsing, 0)::int as lapsing,
            coalesce(r.online, 0)::int as online, coalesce(r.away, 0)::int as away, coalesce(r.at_capacity, 0)::int as at_capacity,
            (select count(*) from conversation_facts f join conversations c on c.id = f.conversation_id
              where f.kind = 'offer_lapsed' and f.at >= $1 and c.queue_id = q.id)::int as lapsed
       from queues q join chats ch on ch.id = q.chat_id
       left join lateral (
         select count(*) as waiting, min(c.created_at) as oldest, count(*) filter (where c.offer_expires_at <= $2) as lapsing
           from conversations c where c.queue_id = q.id and c.status = 'pending') w on true
       left join lateral (
         select count(*) filter (where r.status = 'online') as online, count(*) filter (where r.status = 'away') as away,
                count(*) filter (where r.status = 'online' and (select count(*) from conversations a where a.owner_id = r.id and a.status = 'active')
                                 >= coalesce(m.capacity, q.default_capacity)) as at_capacity
           from queue_members m join reps r on r.id = m.rep_id where m.queue_id = q.id and ${WORKS_IN_QUEUE_CHAT}) r on true
      order by ch.name, q.name, q.id`,
    [new Date(now - 3_600_000), new Date(now + ANALYTICS_LIMITS.lapsingWithinMs)],
  );
  return rows.map((r) => ({
    queueId: r.id,
    queueName: r.name,
    chatId: r.chat_id,
    chatName: r.chat_name,
    waiting: r.waiting,
    oldestWaitingSince: r.oldest?.toISOString() ?? null,
    online: r.online,
    away: r.away,
    atCapacity: r.at_capacity,
    lapsing: r.lapsing,
    lapsedLastHour: r.lapsed,
  }));
}
