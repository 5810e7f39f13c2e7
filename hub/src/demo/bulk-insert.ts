// Owns the demo seeds' bulk insert: many rows in one statement, each column as one array (unnest).
import type { Sql } from '../storage/db';

type Column = [name: string, type: string];

/** One INSERT for many rows: each column travels as one array parameter. */
export async function bulk(tx: Sql, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([n]) => n).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  await tx.query(
    `insert into ${table} (${names}) select * from unnest(${arrays})`,
    columns.map((_, i) => rows.map((row) => row[i])),
  );
}
