import type { ChatRep } from '#protocol';
import { WORKS_IN_QUEUE_CHAT } from '../routing/route';
import type { Sql } from '../storage/db';

/**
 * FEATURES A2: the reps working in each chat, as colleagues may see them — in one of the chat's queues,
 * working in that chat now (their choice), online or away. Invisible and offline reps are left out
 * (FEATURES A3), and so are supervisors in observer mode, who watch without being one of the team on
 * duty (FEATURES A4). Ordered by name, so a list reads the same on every device. A chat that no longer
 * exists is left out.
 */
export interface ChatTeam {
  name: string;
  reps: ChatRep[];
}

export async function repsWorkingIn(db: Sql, chatIds: string[]): Promise<Map<string, ChatTeam>> {
  if (chatIds.length === 0) return new Map();
  const chats = await db.query<{ id: string; name: string }>('select id, name from chats where id = any($1)', [
    chatIds,
  ]);
  const byChat = new Map<string, ChatTeam>(chats.map((c) => [c.id, { name: c.name, reps: [] }]));
  const rows = await db.query<{ chat_id: string; id: string; name: string; status: ChatRep['status'] }>(
    `select distinct q.chat_id, r.id, r.name, r.status
       from queue_members m join queues q on q.id = m.queue_id join reps r on r.id = m.rep_id
      where q.chat_id = any($1) and r.status in ('online', 'away')
        and ${WORKS_IN_QUEUE_CHAT}
      order by r.name, r.id`,
    [chatIds],
  );
  for (const r of rows) byChat.get(r.chat_id)?.reps.push({ id: r.id, name: r.name, status: r.status });
  return byChat;
}

/** Every chat, by name: what supervisors and super users oversee (FEATURES A2, A4). */
export async function allChatIds(db: Sql): Promise<string[]> {
  return (await db.query<{ id: string }>('select id from chats order by name, id')).map((c) => c.id);
}
