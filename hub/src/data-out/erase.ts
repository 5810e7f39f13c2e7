import { DATA_OUT_LIMITS, HUB_WIDE_CHAT, type Erasure, type RepProfile } from '#protocol';
import type { StoredPersonalData } from '../crm/connector';
import { crmConnector } from '../crm/registry';
import { appendEvent, writeTx } from '../events/log';
import { HubError } from '../inbox/errors';
import { filesOf, removeConversations } from '../inbox/remove';
import type { Db, Sql } from '../storage/db';
import { newId } from '../storage/ids';
import { subjectOf, type Subject } from './subject';

/**
 * Erasing a person (FEATURES H6, issue 20), in one transaction: their conversations by the one
 * deletion path (messages, notes, files' rows, their events, their chat summaries), the events that
 * name the record (notifications about it), what the hub recorded of their visitors (tracked pages,
 * blocks, the visitors themselves, answers kept for retried commands), the record and everything of
 * it in the customer store. It leaves an audit entry with no personal data — who, when, the record's
 * opaque id, counts — and a `person.erased` event, with ids only, that every rep's extension applies
 * to its cache. The files' bytes are the caller's to delete once this has committed.
 */
export async function erasePerson(
  db: Db,
  contactId: string,
  by: RepProfile,
  now: number,
): Promise<{ erasure: Erasure; fileIds: string[] }> {
  return writeTx(db, async (tx) => {
    const subject = await subjectOf(tx, contactId, now);
    if (!subject) throw new HubError('not_found', 'no such record');
    const open = await tx.query<{ n: string | number }>(
      `select count(*) as n from conversations where id = any($1) and status in ('pending', 'active')`,
      [subject.conversationIds],
    );
    if (Number(open[0].n) > 0)
      throw new HubError('conflict', `${open[0].n} conversation(s) of this person are open; end them first`);
    const fileIds = await filesOf(tx, subject.conversationIds);
    const removed: Record<string, number> = {
      conversations: subject.conversationIds.length,
      files: fileIds.length,
      ...(await forgetVisitors(tx, subject)),
    };
    const call = { tx, now, actor: by };
    await forgetAnswers(tx, subject, await crmConnector().exportContact(call, contactId));
    // Notifications about the record are the record's: they go whole, not redacted.
    removed.notifications = await count(
      tx,
      `delete from events where kind = 'crm.notification' and payload->'notification'->'contact'->>'id' = $1 returning id`,
      [contactId],
    );
    await removeConversations(tx, subject.conversationIds, { now, actor: by });
    removed.visitors = await count(tx, 'delete from visitors where id = any($1) returning id', [subject.visitorIds]);
    const store = await crmConnector().eraseContact(call, contactId);
    if (!store) throw new HubError('not_found', 'no such record');
    Object.assign(removed, store);
    const erasure: Erasure = {
      id: newId('er'),
      subjectId: contactId,
      erasedBy: by.id,
      erasedAt: new Date(now).toISOString(),
      removed,
    };
    await tx.query('insert into erasures (id, subject_id, erased_by, erased_at, removed) values ($1, $2, $3, $4, $5)', [
      erasure.id,
      erasure.subjectId,
      erasure.erasedBy,
      erasure.erasedAt,
      JSON.stringify(removed),
    ]);
    await appendEvent(tx, {
      kind: 'person.erased',
      chatId: HUB_WIDE_CHAT,
      contactId,
      conversationIds: subject.conversationIds,
    });
    return { erasure, fileIds };
  });
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Answers kept for retried commands (inbox/once.ts) repeat what was written: the visitor's own, and
 * reps' answers that name the record, a conversation, a row of the record (a note, a task: by id), a
 * tag (as a JSON string), or the record's name, email or phone. Losing one only means a retry of that
 * command is judged afresh.
 */
async function forgetAnswers(tx: Sql, s: Subject, held: StoredPersonalData | null): Promise<void> {
  const ids = new Set([s.contactId, ...s.conversationIds]);
  const texts = new Set<string>();
  for (const rows of Object.values(held ?? {}))
    for (const row of Array.isArray(rows) ? rows : [rows]) {
      const r = row as Record<string, unknown>;
      if (typeof r.id === 'string') ids.add(r.id);
      if (typeof r.tag === 'string') texts.add(JSON.stringify(r.tag));
    }
  for (const key of ['name', 'email', 'phone']) {
    const value = held?.record[key];
    if (typeof value === 'string' && value.length >= 3) texts.add(value);
  }
  await tx.query('delete from command_results where sender_key = any($1) or result::text ilike any($2)', [
    s.visitorIds.map((id) => `v:${id}`),
    [...ids, ...texts].map(like),
  ]);
}

const count = async (tx: Sql, sql: string, params: unknown[]) => (await tx.query(sql, params)).length;

/** What the hub itself recorded of the person's visitors, besides their conversations. */
async function forgetVisitors(tx: Sql, s: Subject): Promise<Record<string, number>> {
  // Events routed to the visitors that belong to no conversation of theirs (none today; the rest go with them).
  await tx.query('delete from events where visitor_id = any($1) and conversation_id is null', [s.visitorIds]);
  // What the channels' webhooks stored (channels/intake.ts): the sender's messages by their address, and
  // delivery statuses of the replies they were sent.
  await tx.query(
    `delete from channel_inbound i where (i.kind = 'message' and exists (
        select 1 from channel_senders s where s.visitor_id = any($1) and s.chat_id = i.chat_id
           and s.provider = i.provider and s.address = i.payload->>'from'))
      or (i.kind = 'status' and split_part(i.provider_id, ':', 1) in (
        select provider_message_id from messages where conversation_id = any($2) and provider_message_id is not null))`,
    [s.visitorIds, s.conversationIds],
  );
  // The hub's first customer table (migration 0001), copied into the store by 0011 and no longer written.
  await tx.query('delete from customers where id = $1 or ($2::text is not null and lower(email) = $2)', [
    s.contactId,
    s.email,
  ]);
  return {
    trackedPages: await count(tx, 'delete from crm_visitor_events where visitor_id = any($1) returning id', [
      s.visitorIds,
    ]),
    blocks: await count(tx, 'delete from blocks where visitor_id = any($1) returning id', [s.visitorIds]),
  };
}

/** The audit (FEATURES H6): the latest erasures, newest first. */
export async function listErasures(db: Sql): Promise<Erasure[]> {
  const rows = await db.query<{
    id: string;
    subject_id: string;
    erased_by: string | null;
    erased_at: Date;
    removed: Record<string, number>;
  }>('select * from erasures order by erased_at desc, id desc limit $1', [DATA_OUT_LIMITS.erasuresListed]);
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    erasedBy: r.erased_by,
    erasedAt: r.erased_at.toISOString(),
    removed: r.removed,
  }));
}
