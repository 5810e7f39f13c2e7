import type { ChatSummary, FeedCursor, FeedType } from '#protocol';
import type { Sql } from '../../storage/db';
import type { z } from 'zod';
import { newId } from '../../storage/ids';
import { exactTime } from '../../storage/keyset';
import type { PositionedFeedItem } from '../connector';

/**
 * The activity feed (FEATURES E9): one row per note, task, email, lead and ended chat, written beside
 * the thing itself, so reading it with a type filter is one indexed query.
 */
const TITLE_CHARS = 200;

export async function addActivity(
  tx: Sql,
  a: { contactId: string; type: FeedType; title: string; actorId: string | null; chat?: ChatSummary; at?: Date },
): Promise<void> {
  const title = a.title.length > TITLE_CHARS ? `${a.title.slice(0, TITLE_CHARS - 1)}…` : a.title;
  await tx.query(
    'insert into crm_activity (id, contact_id, type, title, actor_id, chat, at) values ($1, $2, $3, $4, $5, $6, coalesce($7, clock_timestamp()))',
    [newId('ac'), a.contactId, a.type, title, a.actorId, a.chat ? JSON.stringify(a.chat) : null, a.at ?? null],
  );
}

type ActivityRow = {
  id: string;
  type: FeedType;
  title: string;
  actor_id: string | null;
  actor_name: string | null;
  chat: ChatSummary | null;
  at: Date;
  position: string;
};

export async function readFeed(
  tx: Sql,
  contactId: string,
  types: FeedType[] | null,
  before: z.infer<typeof FeedCursor> | null,
  limit: number,
): Promise<PositionedFeedItem[]> {
  const rows = await tx.query<ActivityRow>(
    `select a.*, r.name as actor_name, ${exactTime('a.at')} as position from crm_activity a left join reps r on r.id = a.actor_id
      where a.contact_id = $1 and ($2::text[] is null or a.type = any($2))
        and ($3::timestamptz is null or (a.at, a.id) < ($3, $4))
      order by a.at desc, a.id desc limit $5`,
    [contactId, types, before?.at ?? null, before?.id ?? null, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    at: r.at.toISOString(),
    title: r.title,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    chat: r.chat,
    position: r.position,
  }));
}
