import type { Sql } from '../storage/db';

/**
 * What happened to a conversation on the way that analytics count (FEATURES H4): offers that lapsed and
 * transfers, one append-only row each (`conversation_facts`), written in the transaction that makes
 * the change, so a figure can never disagree with what happened. Read by `figures.ts`.
 */

/** Each rep the lapsed offer was out to. */
export async function recordLapsed(tx: Sql, conversationId: string, repIds: string[]): Promise<void> {
  if (repIds.length === 0) return;
  await tx.query(
    `insert into conversation_facts (conversation_id, kind, rep_id)
     select $1, 'offer_lapsed', r.id from reps r where r.id = any($2::text[])`,
    [conversationId, repIds],
  );
}

/** A transfer by `byRepId` (the owner or a supervisor) of the conversation as it was before, to a rep or a queue. */
export async function recordTransfer(
  tx: Sql,
  before: { id: string; ownerId: string | null },
  byRepId: string,
  to: { repId: string } | { queueId: string },
): Promise<void> {
  await tx.query(
    `insert into conversation_facts (conversation_id, kind, rep_id, by_rep_id, to_rep_id, to_queue_id) values ($1, 'transferred', $2, $3, $4, $5)`,
    [before.id, before.ownerId, byRepId, 'repId' in to ? to.repId : null, 'queueId' in to ? to.queueId : null],
  );
}
