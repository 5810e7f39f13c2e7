import { randomBytes } from 'node:crypto';
import { WEBSITE_LIMITS, type NewChatResponse } from '#protocol';
import { appendEvent, writeTx } from '../events/log';
import { HubError } from '../inbox/errors';
import type { Db, Sql } from '../storage/db';
import { newId } from '../storage/ids';
import { lockRule } from '../storage/rule-lock';
import { moveWaiting, waitingIn } from './move-waiting';

/**
 * Websites (chats) and queues made and removed by super users (FEATURES H2). A delete with waiting
 * conversations must say where they go, and they move in the same transaction as the delete
 * (move-waiting.ts), so no conversation is ever left in a queue or chat that no longer exists.
 */

export async function createChat(db: Db, name: string): Promise<NewChatResponse> {
  return writeTx(db, async (tx) => {
    await lockRule(tx, 'chats');
    const [{ n }] = await tx.query<{ n: number | string }>('select count(*) as n from chats');
    if (Number(n) >= WEBSITE_LIMITS.chats)
      throw new HubError('too_large', `a hub has at most ${WEBSITE_LIMITS.chats} chats`, WEBSITE_LIMITS.chats);
    const id = newId('ch');
    const key = randomBytes(WEBSITE_LIMITS.widgetKeyBytes).toString('base64url');
    await tx.query('insert into chats (id, key, name) values ($1, $2, $3)', [id, key, name]);
    return { id, key };
  });
}

export async function createQueue(db: Db, chatId: string, name: string): Promise<{ id: string }> {
  return writeTx(db, async (tx) => {
    const [chat] = await tx.query('select id from chats where id = $1 for no key update', [chatId]);
    if (!chat) throw new HubError('not_found', 'no such chat');
    const [{ n }] = await tx.query<{ n: number | string }>('select count(*) as n from queues where chat_id = $1', [
      chatId,
    ]);
    if (Number(n) >= WEBSITE_LIMITS.queuesPerChat)
      throw new HubError(
        'too_large',
        `a chat has at most ${WEBSITE_LIMITS.queuesPerChat} queues`,
        WEBSITE_LIMITS.queuesPerChat,
      );
    const id = newId('q');
    await tx.query('insert into queues (id, chat_id, name) values ($1, $2, $3)', [id, chatId, name]);
    return { id };
  });
}

/** The routing bot must never hand over to a queue that is gone: such a delete is refused. */
async function refuseIfBotRoutesTo(tx: Sql, queueIds: string[], what: string) {
  const [bot] = await tx.query<{ name: string }>(
    `select ch.name from bot_configs b join chats ch on ch.id = b.chat_id
      where b.config->'customerRoute'->>'queueId' = any($1) or b.config->'followUp'->>'salesQueueId' = any($1) limit 1`,
    [queueIds],
  );
  if (bot)
    throw new HubError('conflict', `the routing bot of ${bot.name} hands chats to ${what}; change the bot first`);
}

/** A delete with waiting conversations must name where they go; the refusal says how many wait. */
function moveTargetOf(waiting: number, moveToQueueId: string | null, where: string, which: string): string {
  if (!moveToQueueId)
    throw new HubError('conflict', `${waiting} conversation(s) wait in ${where}; say ${which} they move to`);
  return moveToQueueId;
}

/** New reps no longer start in queues that are gone. */
async function dropFromDefaults(tx: Sql, queueIds: string[]) {
  await tx.query(
    `update hub_settings set value = jsonb_set(value, '{queueIds}', coalesce((select jsonb_agg(q) from jsonb_array_elements_text(value->'queueIds') q where q <> all($1)), '[]'::jsonb))
      where key = 'repDefaults'`,
    [queueIds],
  );
}

export async function deleteQueue(db: Db, id: string, moveToQueueId: string | null, now: number): Promise<void> {
  await writeTx(db, async (tx) => {
    const [queue] = await tx.query<{ chat_id: string }>('select chat_id from queues where id = $1 for update', [id]);
    if (!queue) throw new HubError('not_found', 'no such queue');
    await refuseIfBotRoutesTo(tx, [id], 'this queue');
    const waiting = await waitingIn(tx, 'queue_id', id);
    if (waiting > 0) {
      moveToQueueId = moveTargetOf(waiting, moveToQueueId, 'this queue', 'which queue of this chat');
      const [target] = await tx.query('select id from queues where id = $1 and chat_id = $2 and id <> $3', [
        moveToQueueId,
        queue.chat_id,
        id,
      ]);
      if (!target) throw new HubError('bad_frame', 'moveToQueueId: not another queue of this chat');
      await moveWaiting(tx, { from: { queueId: id }, toQueueId: moveToQueueId, now });
    }
    await dropFromDefaults(tx, [id]);
    await tx.query('delete from queues where id = $1', [id]);
  });
}

/**
 * Everything of the chat goes: its visitors, their closed conversations and files (the caller
 * removes the files' bytes once this committed: `fileIds`), its queues, templates and bot. Waiting
 * conversations move, with their visitors and those visitors' past conversations, to a queue of
 * another chat; a chat where reps are still answering someone is not deleted.
 */
export async function deleteChat(
  db: Db,
  id: string,
  moveToQueueId: string | null,
  now: number,
): Promise<{ fileIds: string[] }> {
  return writeTx(db, async (tx) => {
    const [chat] = await tx.query('select id from chats where id = $1 for update', [id]);
    if (!chat) throw new HubError('not_found', 'no such chat');
    const [{ n: active }] = await tx.query<{ n: number | string }>(
      `select count(*) as n from conversations where chat_id = $1 and status = 'active'`,
      [id],
    );
    if (Number(active) > 0)
      throw new HubError('conflict', `${active} conversation(s) of this chat are being answered; end them first`);
    const queueIds = (await tx.query<{ id: string }>('select id from queues where chat_id = $1', [id])).map(
      (q) => q.id,
    );
    await refuseIfBotRoutesTo(tx, queueIds, 'a queue of this chat');
    const waiting = await waitingIn(tx, 'chat_id', id);
    if (waiting > 0) {
      moveToQueueId = moveTargetOf(waiting, moveToQueueId, 'this chat', 'which queue of another chat');
      const [target] = await tx.query<{ chat_id: string }>(
        'select chat_id from queues where id = $1 and chat_id <> $2',
        [moveToQueueId, id],
      );
      if (!target) throw new HubError('bad_frame', 'moveToQueueId: not a queue of another chat');
      await moveWaiting(tx, { from: { chatId: id, toChatId: target.chat_id }, toQueueId: moveToQueueId, now });
    }
    const files = await tx.query<{ id: string }>(
      'select f.id from files f join conversations c on c.id = f.conversation_id where c.chat_id = $1',
      [id],
    );
    await dropFromDefaults(tx, queueIds);
    // A rep who worked only in this chat works in all of theirs again (an empty choice means all).
    await tx.query(
      `update reps set work_chats = nullif(array_remove(work_chats, $1), '{}'::text[]) where $1 = any(work_chats)`,
      [id],
    );
    await tx.query('delete from chats where id = $1', [id]);
    await appendEvent(tx, { kind: 'chat.deleted', chatId: id });
    return { fileIds: files.map((f) => f.id) };
  });
}
