import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '#hub/demo/seed';
import { postVisitorMessage } from '#hub/inbox/visitor';
import type { Db } from '#hub/storage/db';
import { LEGACY_IDS } from '#hub/storage/legacy-migrations';
import { migrate, readMigrations } from '#hub/storage/migrate';
import { migrate as legacyMigrate, MIGRATIONS as LEGACY_MIGRATIONS } from './fixtures/legacy-migrations';
import { asBefore, rowsOf, schemaOf } from './schema-dump';
import { BACKENDS, openTestDb } from './support';

/**
 * A database made by the migrator before numbered files (the frozen copy in fixtures/) is adopted in
 * place: nothing runs again, every row stays, and its schema is the one a new database gets.
 */
describe.each(BACKENDS)('migrations adopting an older database on %s', (backend) => {
  const open: Db[] = [];
  const openDb = async () => {
    const db = await openTestDb(backend);
    open.push(db);
    return db;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
  });

  const visitorSays = (db: Db, clientId: string, text: string) =>
    postVisitorMessage(db, {
      chatId: 'ch_demo',
      visitorId: 'visitor-legacy',
      clientId,
      text,
      pageUrl: 'https://shop.example/',
    });

  /**
   * Rows in the main tables. The demo seed is the hub's own code; the visitor's conversation is
   * written as rows, since today's inbox code reads columns an older database does not have yet.
   */
  async function fill(db: Db) {
    await seedDemo(db);
    await db.exec(`
      insert into visitors (id, chat_id) values ('visitor-legacy', 'ch_demo');
      insert into conversations (id, chat_id, visitor_id, last_message_preview)
        values ('c_legacy', 'ch_demo', 'visitor-legacy', 'Hello from before');
      insert into messages (id, conversation_id, sender_key, client_id, author, text, page_url)
        values ('m_legacy', 'c_legacy', 'v:visitor-legacy', 'legacy-1', 'visitor', 'Hello from before', 'https://shop.example/');
      insert into events (chat_id, conversation_id, visitor_id, kind, payload)
        values ('ch_demo', 'c_legacy', 'visitor-legacy', 'message.created', '{"text": "Hello from before"}');
    `);
    await db.query(`insert into customers (id, email, name) values ('cu_old', 'old@example.test', 'Old customer')`);
    await db.query(
      `insert into notes (id, conversation_id, author_name, text) select 'no_1', id, 'Anna', 'kept' from conversations`,
    );
  }

  /** The files that came after the migrator before numbered files: a database it made lacks them. */
  const newerFiles = (legacyCount: number) =>
    readMigrations()
      .slice(legacyCount)
      .map((f) => f.name);

  const records = (db: Db) =>
    db.query<{ name: string; checksum: string }>('select name, checksum from migrations order by name');

  // Two databases, each migrated and one seeded: on PGlite that can pass 30 s on a busy machine.
  const twoDatabases = { timeout: 90_000 };

  it('keeps every row, re-runs nothing, and ends with the schema of a new database', twoDatabases, async () => {
    const db = await openDb();
    expect(await legacyMigrate(db)).toEqual([1, 2, 3, 4, 5, 8, 9, 11, 6, 7, 10, 30]);
    await fill(db);
    const before = await rowsOf(db);
    for (const table of [
      'chats',
      'reps',
      'queues',
      'visitors',
      'conversations',
      'messages',
      'events',
      'notes',
      'customers',
      'crm_contacts',
      'templates',
    ]) {
      expect(before[table].length, table).toBeGreaterThan(0);
    }

    expect(await migrate(db)).toEqual(newerFiles(LEGACY_MIGRATIONS.length));
    expect(asBefore(await rowsOf(db), before)).toEqual(asBefore(before, before));
    const fresh = await openDb();
    await migrate(fresh);
    expect(await schemaOf(db)).toEqual(await schemaOf(fresh));
    expect(await records(db)).toEqual(await records(fresh));
    expect(await db.query(`select to_regclass('schema_migrations')::text as t`)).toEqual([{ t: null }]);

    // A second start applies nothing, and the hub goes on writing.
    expect(await migrate(db)).toEqual([]);
    const { message } = await visitorSays(db, 'legacy-2', 'Hello after');
    expect(message.text).toBe('Hello after');
  });

  it(
    'adopts a database from before the last migration landed and applies only the files it lacks',
    twoDatabases,
    async () => {
      const db = await openDb();
      await legacyMigrate(db, LEGACY_MIGRATIONS.slice(0, -1));
      await fill(db);
      const before = await rowsOf(db);
      expect(await migrate(db)).toEqual(newerFiles(LEGACY_MIGRATIONS.length - 1));
      const fresh = await openDb();
      await migrate(fresh);
      expect(await schemaOf(db)).toEqual(await schemaOf(fresh));
      // The last old migration's file adds chats.allowed_origins (with its default), later files more
      // columns and tables: every row is as it was.
      expect(asBefore(await rowsOf(db), before)).toEqual(asBefore(before, before));
    },
  );

  it('refuses, naming the file, a database whose old ids skip one', async () => {
    const db = await openDb();
    await legacyMigrate(
      db,
      LEGACY_MIGRATIONS.filter((m) => m.id !== 6),
    );
    await expect(migrate(db)).rejects.toThrow(
      'migrations: schema_migrations (made before numbered files) records 0010-tags-notes.sql where 0009-work-chats.sql was expected',
    );
    // Nothing was adopted: the old table is still there and no record was written.
    expect(await db.query<{ n: string }>('select count(*)::int as n from schema_migrations')).toEqual([
      { n: LEGACY_MIGRATIONS.length - 1 },
    ]);
    expect(await db.query(`select to_regclass('migrations')::text as t`)).toEqual([{ t: null }]);
  });

  it('refuses a database that records an old id no file stands for', async () => {
    const db = await openDb();
    await legacyMigrate(db);
    await db.query(`insert into schema_migrations (id, name) values (99, 'from a branch')`);
    await expect(migrate(db)).rejects.toThrow('records migration 99, which no numbered file stands for');
  });
});

describe('migrations before numbered files', () => {
  it('maps every old id to a file that exists, in the old apply order', () => {
    expect(
      Object.keys(LEGACY_IDS)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(LEGACY_MIGRATIONS.map((m) => m.id).sort((a, b) => a - b));
    expect(LEGACY_MIGRATIONS.map((m) => LEGACY_IDS[m.id])).toEqual(
      readMigrations()
        .slice(0, LEGACY_MIGRATIONS.length)
        .map((f) => f.name),
    );
  });

  it("holds each old migration's SQL verbatim in its file (indentation aside)", () => {
    const words = (sql: string) => sql.trim().split(/\s+/).join(' ');
    const files = new Map(readMigrations().map((f) => [f.name, f.sql]));
    for (const m of LEGACY_MIGRATIONS) expect(words(files.get(LEGACY_IDS[m.id])!), m.name).toContain(words(m.sql));
  });
});
