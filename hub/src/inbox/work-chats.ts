import type { RepProfile, WorkChat, WorkChatsFrame, WorkingChats } from '#protocol';
import { appendEvent, writeTx, type StoredEvent } from '../events/log';
import type { Db, Sql } from '../storage/db';
import { HubError } from './errors';
import { once } from './once';
import { rerouteForReps } from './rep';

/**
 * FEATURES A2: the chats a rep works in. A rep may work in any chat they are a queue member of; the
 * choice is stored on the rep (null: all of them) and routing reads it, so a rep working only in
 * chat X is offered nothing from chat Y (routing/route.ts repLoads) and Y's visitors do not count
 * them as available (routing/visitor-view.ts).
 */

/** The chats a rep may choose from: those with a queue they belong to. */
export async function workChatChoices(db: Sql, repId: string): Promise<WorkChat[]> {
  return db.query<WorkChat>(
    `select distinct ch.id, ch.name from chats ch join queues q on q.chat_id = ch.id join queue_members m on m.queue_id = q.id
      where m.rep_id = $1 order by ch.name, ch.id`,
    [repId],
  );
}

export async function workingChats(db: Sql, repId: string): Promise<WorkingChats> {
  const [row] = await db.query<{ work_chats: string[] | null }>('select work_chats from reps where id = $1', [repId]);
  return row?.work_chats && row.work_chats.length > 0 ? row.work_chats : 'all';
}

/** What the rep's devices are told: the choices and the choice in force. */
export async function workChatsFrame(db: Sql, repId: string): Promise<WorkChatsFrame> {
  return { type: 'workChats', chats: await workChatChoices(db, repId), working: await workingChats(db, repId) };
}

/**
 * Stores the rep's choice, tells their devices (one `rep.chats` event per chat of theirs, for them
 * alone) and re-decides the offers in their queues: offers from chats they left go to others, and
 * chats they joined offer them what waits. A chat they are in no queue of is refused; nothing changes.
 */
export async function setWorkChats(
  db: Db,
  rep: Pick<RepProfile, 'id'>,
  working: WorkingChats,
  clientId: string,
  now = Date.now(),
): Promise<StoredEvent[]> {
  return writeTx(db, async (tx) => {
    const events: StoredEvent[] = [];
    await once(tx, `r:${rep.id}`, clientId, 'setChats', async () => {
      const choices = await workChatChoices(tx, rep.id);
      const unknown = working === 'all' ? [] : working.filter((id) => !choices.some((c) => c.id === id));
      if (unknown.length > 0) {
        throw new HubError(
          'not_found',
          `you are in no queue of chat ${unknown.join(', ')}; choose among: ${choices.map((c) => c.id).join(', ') || 'none'}`,
        );
      }
      await tx.query('update reps set work_chats = $2 where id = $1', [rep.id, working === 'all' ? null : working]);
      for (const chat of choices)
        events.push(
          await appendEvent(tx, { kind: 'rep.chats', chatId: chat.id, repId: rep.id, working }, { audience: [rep.id] }),
        );
      events.push(...(await rerouteForReps(tx, [rep.id], now)));
      return { working };
    });
    return events;
  });
}
