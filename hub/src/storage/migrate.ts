/**
 * Schema migrations: the numbered SQL files in `./migrations/` (0001-name.sql, 0002-…), applied in
 * number order, each in its own transaction together with its record in the `migrations` table
 * (file name, sha256 of its content). Before anything runs, the records are checked against the
 * folder: a changed applied file, an applied file missing from the folder, or a file out of
 * sequence stops the hub with a message naming the file. Every transaction takes one advisory lock
 * first, so two hubs starting together apply each file once. Never edit a shipped file: add the next.
 * Hand-written rather than umzug or postgrator: neither writes the record in the migration's own
 * transaction nor notices a gap (umzug keeps no checksum; postgrator tracks only the highest version).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Sql } from './db';
import { adoptLegacyRecords } from './legacy-migrations';

/** Read at run time from the source tree (the hub runs with tsx; tests with Vitest). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** The same key the migrator before numbered files took: an old and a new hub starting together wait for each other. */
const LOCK_KEY = 4242001;
const FILE_NAME = /^(\d{4})-[a-z0-9-]+\.sql$/;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The folder's files in order; every name is NNNN-name.sql and the numbers run 0001, 0002, … with no gap. */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .sort()
    .map((name, i) => {
      const number = FILE_NAME.exec(name)?.[1];
      if (!number)
        throw new Error(
          `migrations: ${join(dir, name)} is not named NNNN-name.sql (lower-case letters, digits, dashes)`,
        );
      const expected = String(i + 1).padStart(4, '0');
      if (number !== expected)
        throw new Error(
          `migrations: ${name} is out of sequence: the next number is ${expected} (numbers run from 0001 with no gap and no repeat)`,
        );
      const sql = readFileSync(join(dir, name), 'utf8');
      // Line endings do not change a migration (a checkout on Windows may turn \n into \r\n).
      return { name, sql, checksum: createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex') };
    });
}

/** The files already applied, checked against the folder: they must be its first files, unchanged. */
async function appliedCount(tx: Sql, files: MigrationFile[]): Promise<number> {
  const records = await tx.query<{ name: string; checksum: string }>(
    'select name, checksum from migrations order by name',
  );
  records.forEach((record, i) => {
    const file = files.find((f) => f.name === record.name);
    if (!file)
      throw new Error(
        `migrations: ${record.name} was applied to this database but is not in the migrations folder; restore it (a shipped migration is never removed or renamed)`,
      );
    if (file.checksum !== record.checksum) {
      throw new Error(
        `migrations: ${record.name} has changed since it was applied (sha256 ${record.checksum} then, ${file.checksum} now); restore it and put the change in a new file`,
      );
    }
    if (files[i] !== file)
      throw new Error(
        `migrations: ${files[i].name} is not applied but later files are: it is out of sequence (give it the next free number)`,
      );
  });
  return records.length;
}

/** Brings the database up to the last file; returns the names of the files it applied. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  const applied: string[] = [];
  for (;;) {
    const next = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await tx.exec(
        'create table if not exists migrations (name text primary key, checksum text not null, applied_at timestamptz not null default now())',
      );
      await adoptLegacyRecords(tx, files);
      const file = files[await appliedCount(tx, files)];
      if (!file) return undefined;
      try {
        await tx.exec(file.sql);
      } catch (err) {
        throw new Error(`migrations: ${file.name} failed and was rolled back: ${(err as Error).message}`, {
          cause: err,
        });
      }
      await tx.query('insert into migrations (name, checksum) values ($1, $2)', [file.name, file.checksum]);
      return file.name;
    });
    if (!next) return applied;
    applied.push(next);
  }
}
