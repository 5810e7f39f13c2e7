import { randomUUID } from 'node:crypto';
import { DATA_OUT_LIMITS } from '#protocol';
import { writeTx } from '../events/log';
import { filesOf, removeConversations } from '../inbox/remove';
import type { Db } from '../storage/db';
import { claimJob, finishJob, releaseJob } from './jobs';

/**
 * Retention per chat (FEATURES H6): a chat with `retention_months` set loses its conversations whose
 * last message is older than that, by the one deletion path (inbox/remove.ts) — messages, notes,
 * files, their events and chat summaries — each announced with `conversation.deleted`. Open
 * conversations (waiting or being answered) are never touched. Ages are the database's clock.
 */

const JOB = 'retention';

/** Deletes every conversation past its chat's retention, a batch per transaction; what went and the files to delete. */
export async function applyRetention(db: Db, now: number): Promise<{ conversations: number; fileIds: string[] }> {
  let conversations = 0;
  const fileIds: string[] = [];
  for (;;) {
    const batch = await writeTx(db, async (tx) => {
      const due = await tx.query<{ id: string }>(
        `select c.id from conversations c join chats ch on ch.id = c.chat_id
          where ch.retention_months is not null and c.status not in ('pending', 'active')
            and c.last_message_at < now() - make_interval(months => ch.retention_months)
          order by c.last_message_at, c.id limit $1`,
        [DATA_OUT_LIMITS.retentionBatch],
      );
      const ids = due.map((c) => c.id);
      fileIds.push(...(await filesOf(tx, ids)));
      await removeConversations(tx, ids, { now, actor: null });
      return due.length;
    });
    conversations += batch;
    if (batch < DATA_OUT_LIMITS.retentionBatch) return { conversations, fileIds };
  }
}

/**
 * The hub's timers call this each second; at most every DATA_OUT_LIMITS.retentionEveryMs (by the hub's
 * clock) it asks for the job, and runs it only if this process got it (jobs.ts): with several hubs on
 * one database, one of them runs it. Returns how many conversations went (0 when it did not run).
 */
export function createRetention(
  db: Db,
  files: { remove(id: string): Promise<void> },
  now: () => number,
  holder: string = randomUUID(),
) {
  let triedAt = -Infinity;
  return async function sweep(): Promise<number> {
    if (now() - triedAt < DATA_OUT_LIMITS.retentionEveryMs) return 0;
    triedAt = now();
    const every = DATA_OUT_LIMITS.retentionEveryMs;
    if (!(await claimJob(db, JOB, holder, every, DATA_OUT_LIMITS.retentionLeaseSeconds))) return 0;
    try {
      const { conversations, fileIds } = await applyRetention(db, now());
      for (const id of fileIds) await files.remove(id);
      await finishJob(db, JOB, holder);
      return conversations;
    } catch (err) {
      await releaseJob(db, JOB, holder);
      throw err;
    }
  };
}

/** A chat's retention (null: keep); false when there is no such chat. */
export async function setRetention(db: Db, chatId: string, months: number | null): Promise<boolean> {
  const rows = await db.query('update chats set retention_months = $2 where id = $1 returning id', [chatId, months]);
  return rows.length > 0;
}

export async function listRetention(db: Db) {
  const rows = await db.query<{ id: string; name: string; retention_months: number | null }>(
    'select id, name, retention_months from chats order by name, id',
  );
  return rows.map((r) => ({ chatId: r.id, name: r.name, months: r.retention_months }));
}
