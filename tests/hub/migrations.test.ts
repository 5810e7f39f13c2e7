import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '#hub/storage/db';
import { migrate, MIGRATIONS_DIR, readMigrations } from '#hub/storage/migrate';
import { BACKENDS, openTestDb } from './support';

/** The numbered-file migrator against a copy of the real folder, which each test changes as a developer might. */
describe.each(BACKENDS)('migrations on %s', (backend) => {
  let db: Db;
  let dir: string;
  beforeEach(async () => {
    db = await openTestDb(backend);
    dir = mkdtempSync(join(tmpdir(), 'parley-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const shipped = readdirSync(MIGRATIONS_DIR).sort();
  const next = String(shipped.length + 1).padStart(4, '0');
  const records = () =>
    db.query<{ name: string; checksum: string }>('select name, checksum from migrations order by name');

  it('applies every file in number order and records each with the sha256 of its content', async () => {
    expect(await migrate(db, dir)).toEqual(shipped);
    const files = readMigrations(dir);
    expect(await records()).toEqual(files.map((f) => ({ name: f.name, checksum: f.checksum })));
    expect(files[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await migrate(db, dir)).toEqual([]);
  });

  it('applies a new file once, after the ones already applied', async () => {
    await migrate(db, dir);
    writeFileSync(join(dir, `${next}-extra.sql`), 'create table extra (id integer primary key);\n');
    expect(await migrate(db, dir)).toEqual([`${next}-extra.sql`]);
    expect(await migrate(db, dir)).toEqual([]);
    expect((await records()).map((r) => r.name)).toEqual([...shipped, `${next}-extra.sql`]);
    expect(await db.query(`select to_regclass('extra')::text as t`)).toEqual([{ t: 'extra' }]);
  });

  it('stops with a message naming an applied file whose content changed', async () => {
    await migrate(db, dir);
    appendFileSync(join(dir, shipped[1]), 'alter table command_results add column note text;\n');
    await expect(migrate(db, dir)).rejects.toThrow(`migrations: ${shipped[1]} has changed since it was applied`);
    // Nothing of the changed file ran again.
    expect(
      await db.query(
        `select 1 from information_schema.columns where table_name = 'command_results' and column_name = 'note'`,
      ),
    ).toEqual([]);
  });

  it('does not count a change of line endings as a change', async () => {
    await migrate(db, dir);
    const path = join(dir, shipped[0]);
    writeFileSync(path, readMigrations(dir)[0].sql.replace(/\n/g, '\r\n'));
    expect(await migrate(db, dir)).toEqual([]);
  });

  it('stops with a message naming an applied file missing from the folder', async () => {
    await migrate(db, dir);
    const last = shipped[shipped.length - 1];
    unlinkSync(join(dir, last));
    await expect(migrate(db, dir)).rejects.toThrow(
      `migrations: ${last} was applied to this database but is not in the migrations folder`,
    );
  });

  it('stops with a message naming a file numbered past a gap', async () => {
    const skipped = String(shipped.length + 2).padStart(4, '0');
    writeFileSync(join(dir, `${skipped}-after-gap.sql`), 'create table after_gap (id integer);\n');
    await expect(migrate(db, dir)).rejects.toThrow(
      `migrations: ${skipped}-after-gap.sql is out of sequence: the next number is ${next}`,
    );
    // The check runs before anything is applied.
    expect(await db.query(`select to_regclass('chats')::text as t`)).toEqual([{ t: null }]);
  });

  it('stops with a message naming an applied file renamed when two branches took the same number', async () => {
    writeFileSync(join(dir, `${next}-mine.sql`), 'create table mine (id integer);\n');
    await migrate(db, dir);
    // Rebased onto a main that has its own file with that number: mine moves on to the next one.
    renameSync(join(dir, `${next}-mine.sql`), join(dir, `${String(shipped.length + 2).padStart(4, '0')}-mine.sql`));
    writeFileSync(join(dir, `${next}-theirs.sql`), 'create table theirs (id integer);\n');
    await expect(migrate(db, dir)).rejects.toThrow(
      `migrations: ${next}-mine.sql was applied to this database but is not in the migrations folder`,
    );
    expect(await db.query(`select to_regclass('theirs')::text as t`)).toEqual([{ t: null }]);
  });

  it('stops with a message naming a file left unapplied before applied ones', async () => {
    await migrate(db, dir);
    await db.query('delete from migrations where name = $1', [shipped[3]]);
    await expect(migrate(db, dir)).rejects.toThrow(`migrations: ${shipped[3]} is not applied but later files are`);
  });

  it('stops with a message naming a file that is not named NNNN-name.sql', async () => {
    writeFileSync(join(dir, 'add-things.sql'), 'select 1;\n');
    await expect(migrate(db, dir)).rejects.toThrow(`${join(dir, 'add-things.sql')} is not named NNNN-name.sql`);
  });

  it('rolls a failing file back wholly, keeps the records as they were, and applies it once fixed', async () => {
    await migrate(db, dir);
    const before = await records();
    const bad = join(dir, `${next}-half.sql`);
    writeFileSync(bad, 'create table half_done (id integer);\ninsert into no_such_table values (1);\n');
    await expect(migrate(db, dir)).rejects.toThrow(
      `migrations: ${next}-half.sql failed and was rolled back: relation "no_such_table" does not exist`,
    );
    expect(await db.query(`select to_regclass('half_done')::text as t`)).toEqual([{ t: null }]);
    expect(await records()).toEqual(before);
    writeFileSync(bad, 'create table half_done (id integer);\n');
    expect(await migrate(db, dir)).toEqual([`${next}-half.sql`]);
  });

  it('applies each file once when two hubs start together', async () => {
    const [a, b] = await Promise.all([migrate(db, dir), migrate(db, dir)]);
    expect([...a, ...b].sort()).toEqual(shipped);
    expect((await records()).map((r) => r.name)).toEqual(shipped);
  });
});
