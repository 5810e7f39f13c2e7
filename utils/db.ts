import Dexie, { type EntityTable } from 'dexie';
import type {
  CardAnswerBody,
  ChatReps,
  Conversation,
  CrmNotification,
  Message,
  Note,
  QueueLiveFrame,
  QueueSummary,
  Template,
  WorkChatsFrame,
} from '#protocol';
import { countFolders, FOLDER_COUNTS_TABLE, folderCountsMiddleware, type FolderCount } from './folder-counts';
import { wordsOf } from './search-words';

/**
 * The extension's local copy of the rep's inbox. Only the background worker writes conversations,
 * messages and meta (from hub events); UI pages read them through liveQuery and Dexie tells every
 * extension page about changes.
 */

/** A reply typed by the rep that the hub has not acknowledged yet (FEATURES D8). */
export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  text: string;
  /** Strictly increasing per outbox, so the flush order is the typing order even within one millisecond. */
  createdAt: number;
  /** Set when the hub refused the reply for good; the entry is kept so nothing typed is lost silently. */
  failed?: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export interface RepStatusEntry {
  repId: string;
  status: string;
}

/** A message as cached: its words are kept for the local search index (filled in by a hook on every write). */
export type CachedMessage = Message & { words?: string[] };

/** The last contact card the hub gave for a conversation, so the panel shows it at once next time. */
export interface CachedCard {
  conversationId: string;
  card: CardAnswerBody;
  /** ms since epoch, when it was stored. */
  savedAt: number;
  /** The last `contact.changed` event for its record (utils/contact-changes.ts); 0 or absent: none. */
  changedBy?: number;
}

/** A CRM notification for this rep (FEATURES E6), shown in the side panel until dismissed. */
export interface CrmNotice extends CrmNotification {
  dismissed: 0 | 1;
}

export type ParleyDb = Dexie & {
  conversations: EntityTable<Conversation, 'id'>;
  messages: EntityTable<CachedMessage, 'id'>;
  /** Internal notes (FEATURES D9): reps only, never part of what is sent. */
  notes: EntityTable<Note, 'id'>;
  outbox: EntityTable<OutboxEntry, 'clientId'>;
  meta: EntityTable<MetaEntry, 'key'>;
  repStatus: EntityTable<RepStatusEntry, 'repId'>;
  /** Quick-reply templates of the rep's chats (FEATURES D5), kept here so the composer works offline. */
  templates: EntityTable<Template, 'id'>;
  /** Contact cards by conversation (FEATURES E2): a cache only; the hub's answer always replaces it. */
  cards: EntityTable<CachedCard, 'conversationId'>;
  crmNotices: EntityTable<CrmNotice, 'id'>;
  /** Each folder's size, kept by every write to conversations (folder-counts.ts); read, never written. */
  folderCounts: EntityTable<FolderCount, 'folder'>;
};

export const META_LAST_EVENT_ID = 'lastEventId';
/** Queues the rep may transfer to, as the last `welcome` listed them. */
export const META_QUEUES = 'queues';

export function createDb(name = 'parley'): ParleyDb {
  const db = new Dexie(name) as ParleyDb;
  db.version(1).stores({
    conversations: 'id, status, ownerId, lastMessageAt',
    messages: 'id, conversationId, [conversationId+createdAt], clientId',
    outbox: 'clientId, createdAt, conversationId',
    meta: 'key',
    repStatus: 'repId',
  });
  // v2: folders come from the hub per viewer (FEATURES C1). Rows from v1 lack folder and access, so they
  // are dropped with lastEventId and the hub replays everything; unsent replies stay in the outbox.
  db.version(2)
    .stores({ conversations: 'id, status, folder, ownerId, lastMessageAt' })
    .upgrade(async (tx) => {
      await tx.table('conversations').clear();
      await tx.table('messages').clear();
      await tx.table('meta').delete(META_LAST_EVENT_ID);
    });
  // v3: templates arrive as events. Inbox and resume point go so the hub replays the templates
  // created before this version; unsent replies stay in the outbox.
  db.version(3)
    .stores({ templates: 'id, chatId' })
    .upgrade(async (tx) => {
      await tx.table('conversations').clear();
      await tx.table('messages').clear();
      await tx.table('meta').delete(META_LAST_EVENT_ID);
    });
  // v4 (FEATURES D6, D7, D9): a word index on messages for search across conversations, a tag index on
  // conversations for the tag filter, and the notes table. Cached messages get their words here;
  // nothing is dropped, so the inbox stays and nothing needs replaying.
  db.version(4)
    .stores({
      conversations: 'id, status, folder, ownerId, lastMessageAt, *tags',
      messages: 'id, conversationId, [conversationId+createdAt], clientId, *words',
      notes: 'id, conversationId, [conversationId+createdAt]',
    })
    .upgrade(async (tx) => {
      await tx
        .table('messages')
        .toCollection()
        .modify((m: CachedMessage) => {
          m.words = wordsOf(m.text);
        });
    });
  // v5: the contact-card cache and CRM notifications (FEATURES E). New tables only; nothing to replay.
  db.version(5).stores({ cards: 'conversationId, savedAt', crmNotices: 'id, dismissed, createdAt' });
  // v6 (FEATURES D6): messages by time across conversations, so a search for a common word walks the
  // newest first and stops at the results limit instead of reading every candidate. IndexedDB builds
  // the index from the rows already cached; nothing to replay.
  db.version(6).stores({
    messages: 'id, conversationId, [conversationId+createdAt], clientId, *words, [createdAt+id]',
  });
  // v7 (FEATURES D1): each folder in the order the inbox shows it, straight from an index, so a first
  // render of 10,000 waiting chats sorts nothing. IndexedDB builds the indexes; nothing to replay.
  db.version(7).stores({
    conversations: 'id, status, folder, ownerId, lastMessageAt, *tags, [folder+createdAt], [folder+lastMessageAt]',
  });
  // v8 (FEATURES D1): each folder's size as one row, kept by the middleware below in every transaction
  // that writes conversations, so the panel does not walk a folder's index to count it. Counted here once
  // from the rows already cached; nothing to replay.
  db.version(8)
    .stores({ [FOLDER_COUNTS_TABLE]: 'folder' })
    .upgrade(async (tx) => {
      const counts = countFolders(await tx.table('conversations').toArray());
      await tx.table(FOLDER_COUNTS_TABLE).clear();
      await tx.table(FOLDER_COUNTS_TABLE).bulkPut([...counts].map(([folder, count]) => ({ folder, count })));
    });
  db.use(folderCountsMiddleware);
  // Hooks go after the last version(): declaring a version replaces the table objects, and their hooks.
  // Every writer (events, history answers, whatever comes next) gets the words without knowing about them.
  db.messages.hook('creating', (_key, message) => {
    message.words = wordsOf(message.text);
  });
  // A put over an existing row arrives here as a diff that would drop the words: recompute them always.
  db.messages.hook('updating', (changes, _key, message) => ({
    words: wordsOf(String('text' in changes ? (changes as { text: unknown }).text : message.text)),
  }));

  return db;
}

/** The one database every extension context opens. */
export const db = createDb();

export async function getLastEventId(database: ParleyDb = db): Promise<number> {
  const row = await database.meta.get(META_LAST_EVENT_ID);
  return typeof row?.value === 'number' ? row.value : 0;
}

export async function getQueues(database: ParleyDb = db): Promise<QueueSummary[]> {
  const row = await database.meta.get(META_QUEUES);
  return Array.isArray(row?.value) ? (row.value as QueueSummary[]) : [];
}

/**
 * What the rep may see changed (e.g. a new working mode): drop the inbox and the resume point so the
 * hub replays everything with the new view. Unsent replies stay in the outbox.
 */
export async function forgetInbox(database: ParleyDb = db): Promise<void> {
  await database.transaction(
    'rw',
    [database.conversations, database.messages, database.templates, database.notes, database.cards, database.meta],
    async () => {
      await database.conversations.clear();
      await database.cards.clear();
      await database.messages.clear();
      await database.templates.clear();
      await database.notes.clear();
      await database.meta.delete(META_LAST_EVENT_ID);
    },
  );
}

/** How many cached conversations a folder holds (FEATURES D1): one row the writes keep, not a walk of the index. */
export async function getFolderCount(folder: string, database: ParleyDb = db): Promise<number> {
  return (await database.folderCounts.get(folder))?.count ?? 0;
}

/** The chats this rep may work in and the ones they chose (FEATURES A2), as the hub last said. */
export const META_WORK_CHATS = 'workChats';
export type WorkChatsState = Omit<WorkChatsFrame, 'type'>;

export async function getWorkChats(database: ParleyDb = db): Promise<WorkChatsState | null> {
  const row = await database.meta.get(META_WORK_CHATS);
  return (row?.value as WorkChatsState | undefined) ?? null;
}

/** Who works in each of the rep's chats (FEATURES A2), as the hub last said; live, so not part of the inbox. */
export const META_CHAT_REPS = 'chatReps';

export async function getChatReps(database: ParleyDb = db): Promise<ChatReps[]> {
  const row = await database.meta.get(META_CHAT_REPS);
  return Array.isArray(row?.value) ? (row.value as ChatReps[]) : [];
}

/** The queues as they are now (FEATURES H4), as the hub last said; sent to supervisors and super users only. */
export const META_QUEUE_LIVE = 'queueLive';

export async function getQueueLive(database: ParleyDb = db): Promise<QueueLiveFrame | null> {
  const row = await database.meta.get(META_QUEUE_LIVE);
  return (row?.value as QueueLiveFrame | undefined) ?? null;
}

/** Chats closing soon by their schedule (FEATURES B4), as the hub last warned. */
export const META_CLOSING_SOON = 'closingSoon';

/** Sign-out: drop every local copy but keep the database open for pages that are subscribed. */
export async function clearAll(database: ParleyDb = db): Promise<void> {
  await database.transaction('rw', database.tables, async () => {
    await Promise.all(database.tables.map((table) => table.clear()));
  });
}
