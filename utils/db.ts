import Dexie, { type EntityTable } from 'dexie';
import type { Conversation, Message } from '../protocol';

/**
 * The extension's local copy of the rep's inbox. Only the background worker writes conversations,
 * messages and meta (from hub events); UI pages read them through liveQuery and Dexie tells every
 * extension page about changes.
 */

/** A reply typed by the rep that the hub has not acknowledged yet (SPEC D8). */
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

export type ParleyDb = Dexie & {
  conversations: EntityTable<Conversation, 'id'>;
  messages: EntityTable<Message, 'id'>;
  outbox: EntityTable<OutboxEntry, 'clientId'>;
  meta: EntityTable<MetaEntry, 'key'>;
  repStatus: EntityTable<RepStatusEntry, 'repId'>;
};

export const META_LAST_EVENT_ID = 'lastEventId';

export function createDb(name = 'parley'): ParleyDb {
  const db = new Dexie(name) as ParleyDb;
  db.version(1).stores({
    conversations: 'id, status, ownerId, lastMessageAt',
    messages: 'id, conversationId, [conversationId+createdAt], clientId',
    outbox: 'clientId, createdAt, conversationId',
    meta: 'key',
    repStatus: 'repId',
  });
  return db;
}

/** The one database every extension context opens. */
export const db = createDb();

export async function getLastEventId(database: ParleyDb = db): Promise<number> {
  const row = await database.meta.get(META_LAST_EVENT_ID);
  return typeof row?.value === 'number' ? row.value : 0;
}

/** Sign-out: drop every local copy but keep the database open for pages that are subscribed. */
export async function clearAll(database: ParleyDb = db): Promise<void> {
  await database.transaction('rw', database.tables, async () => {
    await Promise.all(database.tables.map((table) => table.clear()));
  });
}
