/**
 * What a migration test compares between two databases: the schema (columns, indexes, constraints,
 * sequences of the public schema) and every row of every table, both as plain sorted data.
 */
import type { Db } from '#hub/storage/db';

export async function schemaOf(db: Db) {
  return {
    columns:
      await db.query(`select table_name, column_name, ordinal_position, data_type, udt_name, is_nullable, column_default
      from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`),
    indexes: await db.query(
      `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by tablename, indexname`,
    ),
    constraints:
      await db.query(`select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as def
      from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`),
    sequences: await db.query(
      `select sequence_name, data_type from information_schema.sequences where sequence_schema = 'public' order by 1`,
    ),
  };
}

/** Each table's rows as JSON text, sorted; the migrator's own records are left out. */
export async function rowsOf(db: Db): Promise<Record<string, string[]>> {
  const tables = await db.query<{ name: string }>(`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('migrations', 'schema_migrations') order by 1`);
  const rows: Record<string, string[]> = {};
  for (const { name } of tables) {
    rows[name] = (await db.query<{ row: string }>(`select to_jsonb(t)::text as row from "${name}" t order by 1`)).map(
      (r) => r.row,
    );
  }
  return rows;
}

/**
 * Rows as a database with only `before`'s tables and columns would hold them, each table's rows
 * parsed and sorted: files after the ones under test add columns (to existing rows, with their
 * default) and tables, and neither is a changed row.
 */
export function asBefore(rows: Record<string, string[]>, before: Record<string, string[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, old] of Object.entries(before)) {
    const keys = old.length > 0 ? Object.keys(JSON.parse(old[0])) : null;
    const project = (row: string) => {
      const all = JSON.parse(row) as Record<string, unknown>;
      return keys ? Object.fromEntries(keys.map((k) => [k, all[k]])) : all;
    };
    out[table] = (rows[table] ?? []).map(project).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}
