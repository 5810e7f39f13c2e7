import { ANNOTATION_LIMITS, type Note, type PastConversation, type RepProfile } from '#protocol';
import { appendEvent, type StoredEvent } from '../events/log';
import type { Db, Sql } from '../storage/db';
import { run, updated, type CommandArgs } from './commands';
import { readableConversation } from './directory';
import { HubError } from './errors';
import { newId } from '../storage/ids';
import { audienceOf } from './log-change';
import { chatsForRep } from './rep';
import { toMessage, type MessageRow } from './rows';

/**
 * Tags, internal notes and the visitor's past conversations (FEATURES D7, D9, D10). Tags and notes are
 * commands like the inbox rules: checked against the rules table, run once per client id, logged.
 * A note's event carries no visitor id, so the visitor's socket — which only ever forwards events
 * of its own visitor — can never receive it.
 */

/** Adds a tag; adding one that is already there changes nothing and logs nothing. */
export function addTag(db: Db, a: CommandArgs & { tag: string }): Promise<StoredEvent[]> {
  return run(db, a.rep, 'tag', a.conversationId, a.clientId, async (tx, conv) => {
    const tags = conv.tags ?? [];
    if (tags.includes(a.tag)) return [];
    if (tags.length >= ANNOTATION_LIMITS.tagsPerConversation) {
      throw new HubError(
        'too_large',
        `a conversation has at most ${ANNOTATION_LIMITS.tagsPerConversation} tags`,
        ANNOTATION_LIMITS.tagsPerConversation,
      );
    }
    await tx.query('update conversations set tags = array_append(tags, $2) where id = $1', [conv.id, a.tag]);
    return [await updated(tx, conv)];
  });
}

/** Removes a tag; removing one that is not there changes nothing. */
export function removeTag(db: Db, a: CommandArgs & { tag: string }): Promise<StoredEvent[]> {
  return run(db, a.rep, 'tag', a.conversationId, a.clientId, async (tx, conv) => {
    if (!(conv.tags ?? []).includes(a.tag)) return [];
    await tx.query('update conversations set tags = array_remove(tags, $2) where id = $1', [conv.id, a.tag]);
    return [await updated(tx, conv)];
  });
}

type NoteRow = {
  id: string;
  conversation_id: string;
  rep_id: string | null;
  author_name: string;
  text: string;
  created_at: Date;
};
const toNote = (r: NoteRow): Note => ({
  id: r.id,
  conversationId: r.conversation_id,
  repId: r.rep_id,
  authorName: r.author_name,
  text: r.text,
  createdAt: r.created_at.toISOString(),
});

/** An internal note, told to the reps who see the conversation (its audience) and to supervisors — never to the visitor. */
export function addNote(db: Db, a: CommandArgs & { text: string }): Promise<StoredEvent[]> {
  return run(db, a.rep, 'note', a.conversationId, a.clientId, async (tx, conv) => {
    const [row] = await tx.query<NoteRow>(
      `insert into notes (id, conversation_id, rep_id, author_name, text, created_at) values ($1, $2, $3, $4, $5, clock_timestamp()) returning *`,
      [newId('n'), conv.id, a.rep.id, a.rep.name, a.text],
    );
    return [
      await appendEvent(
        tx,
        { kind: 'note.created', chatId: conv.chatId, note: toNote(row) },
        { conversationId: conv.id, visitorId: null, audience: audienceOf(conv) },
      ),
    ];
  });
}

/** The notes of a conversation, for a rep who may read it. */
export async function conversationNotes(db: Sql, rep: RepProfile, conversationId: string): Promise<Note[]> {
  await readableConversation(db, rep, conversationId);
  const rows = await db.query<NoteRow>('select * from notes where conversation_id = $1 order by created_at, id', [
    conversationId,
  ]);
  return rows.map(toNote);
}

type PastRow = {
  id: string;
  chat_name: string;
  status: string;
  owner_name: string | null;
  owner_former: boolean;
  queue_name: string | null;
  created_at: Date;
  last_message_at: Date;
  tags: string[];
};

/**
 * The visitor's other conversations (FEATURES D10): the same visitor id, or the same email once the
 * shop verified it (both visitors' emails verified; a typed email is a claim and brings no one's
 * history, issue 14), across every rep and queue of the chats this rep works in. Anyone who may read the
 * current conversation may read them: knowing the visitor's history is what the feature is for.
 */
export async function visitorPast(db: Sql, rep: RepProfile, conversationId: string): Promise<PastConversation[]> {
  const conv = await readableConversation(db, rep, conversationId);
  const chats = await chatsForRep(db, rep);
  const rows = await db.query<PastRow>(
    `select c.id, ch.name as chat_name, c.status, r.name as owner_name, r.deleted_at is not null as owner_former, q.name as queue_name, c.created_at, c.last_message_at, c.tags
       from conversations c
       join chats ch on ch.id = c.chat_id
       join visitors v on v.id = c.visitor_id
       left join reps r on r.id = c.owner_id
       left join queues q on q.id = c.queue_id
      where c.id <> $1 and (c.visitor_id = $2 or exists (select 1 from visitors me where me.id = $2 and me.email_verified and v.email_verified and v.email = me.email))
        and ($3::text[] is null or c.chat_id = any($3))
      order by c.created_at desc, c.id desc limit $4`,
    [conv.id, conv.visitorId, chats === 'all' ? null : chats, ANNOTATION_LIMITS.pastConversations],
  );
  if (rows.length === 0) return [];
  const messages = await db.query<MessageRow>(
    `select * from (select m.*, row_number() over (partition by conversation_id order by created_at desc, id desc) as rn
                      from messages m where conversation_id = any($1)) x
      where rn <= $2 order by created_at, id`,
    [rows.map((r) => r.id), ANNOTATION_LIMITS.pastMessagesEach],
  );
  return rows.map((r) => ({
    id: r.id,
    chatName: r.chat_name,
    status: r.status,
    ownerName: r.owner_name,
    ...(r.owner_former ? { ownerFormer: true } : {}),
    queueName: r.queue_name,
    createdAt: r.created_at.toISOString(),
    lastMessageAt: r.last_message_at.toISOString(),
    tags: r.tags ?? [],
    messages: messages
      .filter((m) => m.conversation_id === r.id)
      .map(toMessage)
      .map(({ id, author, authorName, text, pageUrl, createdAt }) => ({
        id,
        author,
        authorName,
        text,
        pageUrl,
        createdAt,
      })),
  }));
}
