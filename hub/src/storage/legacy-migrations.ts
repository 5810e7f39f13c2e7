/**
 * Databases made before migrations became numbered files: the old migrator kept the ids it applied
 * in `schema_migrations` (id, name, applied_at), running one array in order, all in one transaction.
 * Each id's SQL now lives verbatim in one file, so such a database is adopted without re-running
 * anything: its ids become records of those files (with their checksums) and the old table goes.
 */
import type { Sql } from './db';
import type { MigrationFile } from './migrate';

/** Old id → the file that holds its SQL; the old array's order (ids 1–5, 8, 9, 11, 6, 7, 10, 30) is the files' order. */
export const LEGACY_IDS: Record<number, string> = {
  1: '0001-walking-skeleton.sql',
  2: '0002-command-results.sql',
  3: '0003-routing-inbox-rules.sql',
  4: '0004-visitors-left.sql',
  5: '0005-rep-mode.sql',
  8: '0006-files.sql',
  9: '0007-templates.sql',
  11: '0008-routing-bot.sql',
  6: '0009-work-chats.sql',
  7: '0010-tags-notes.sql',
  10: '0011-customer-store.sql',
  30: '0012-allowed-origins.sql',
};

/** Runs inside the migrator's locked transaction; does nothing on a database without the old table. */
export async function adoptLegacyRecords(tx: Sql, files: MigrationFile[]): Promise<void> {
  const [{ old }] = await tx.query<{ old: string | null }>(`select to_regclass('schema_migrations')::text as old`);
  if (!old) return;
  const ids = (await tx.query<{ id: number }>('select id from schema_migrations')).map((r) => r.id);
  const names = ids.map((id) => {
    const name = LEGACY_IDS[id];
    if (!name)
      throw new Error(
        `migrations: schema_migrations (made before numbered files) records migration ${id}, which no numbered file stands for`,
      );
    return name;
  });
  names.sort();
  // The old migrator applied a prefix of its array whole, so the ids stand for the first files.
  names.forEach((name, i) => {
    if (files[i]?.name !== name) {
      throw new Error(
        `migrations: schema_migrations (made before numbered files) records ${name} where ${files[i]?.name ?? 'no file'} was expected; this database cannot be adopted`,
      );
    }
  });
  for (const file of files.slice(0, names.length)) {
    await tx.query('insert into migrations (name, checksum) values ($1, $2)', [file.name, file.checksum]);
  }
  await tx.exec('drop table schema_migrations');
}
