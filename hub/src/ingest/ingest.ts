import type * as z from 'zod';
import { DATA_API_LIMITS, type ApiBulkReport } from '#protocol';
import { HubError } from '../inbox/errors';
import type { Sql } from '../storage/db';
import type { Kind } from './kinds';
import { RowRefused } from './upserts';

/**
 * Rows into the store (issue 20): one JSON row, or NDJSON — one row a line, numbered from 1, blank
 * lines skipped. A row that is not JSON, fails its schema or names something the store lacks is
 * refused with its line number; the others are written, each behind a savepoint so a refused one
 * leaves nothing half-written. All-or-nothing (`atomic`) writes nothing when any row is refused.
 */

export interface Refused {
  line: number;
  message: string;
}

const issue = (error: z.ZodError) => {
  const [first] = error.issues;
  const path = first?.path.join('.');
  return `${path ? `${path}: ` : ''}${first?.message ?? 'invalid'}`;
};

/** One line's row, or why not. */
export function parseRow(kind: Kind, text: string): { ok: true; row: unknown } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'not valid JSON' };
  }
  return checkRow(kind, json);
}

/** A parsed value checked against the kind's schema: the row as it will be written, or why not. */
export function checkRow(kind: Kind, json: unknown): { ok: true; row: unknown } | { ok: false; message: string } {
  const parsed = kind.schema.safeParse(json);
  return parsed.success ? { ok: true, row: parsed.data } : { ok: false, message: issue(parsed.error) };
}

/** The NDJSON body's rows with their line numbers, and the lines refused before any write. */
export function parseNdjson(kind: Kind, body: string): { rows: { line: number; row: unknown }[]; refused: Refused[] } {
  const rows: { line: number; row: unknown }[] = [];
  const refused: Refused[] = [];
  const lines = body.split('\n');
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (!text) continue;
    if (++count > DATA_API_LIMITS.bulkRows)
      throw new HubError(
        'too_large',
        `a bulk request has at most ${DATA_API_LIMITS.bulkRows} rows`,
        DATA_API_LIMITS.bulkRows,
      );
    const parsed = parseRow(kind, text);
    if (parsed.ok) rows.push({ line: i + 1, row: parsed.row });
    else refused.push({ line: i + 1, message: parsed.message });
  }
  if (count === 0) throw new HubError('bad_frame', 'the body has no rows: one JSON object a line');
  return { rows, refused };
}

/**
 * Writes the rows in this transaction; a row the store refuses is rolled back alone and reported.
 * The rows go first under one savepoint (a savepoint a row triples its queries); only when one is
 * refused are they written again one savepoint each, so the outcome is the same either way.
 */
export async function writeRows(
  tx: Sql,
  kind: Kind,
  rows: { line: number; row: unknown }[],
  refused: Refused[],
  atomic: boolean,
): Promise<ApiBulkReport> {
  const written = (await writeAll(tx, kind, rows)) ?? (await writeEach(tx, kind, rows, refused));
  refused.sort((a, b) => a.line - b.line);
  return { written: atomic && refused.length > 0 ? 0 : written, refused, atomic };
}

/** Every row under one savepoint: how many, or null (nothing left written) when the store refused one. */
async function writeAll(tx: Sql, kind: Kind, rows: { row: unknown }[]): Promise<number | null> {
  await tx.query('savepoint data_rows');
  try {
    for (const { row } of rows) await kind.write(tx, row as never);
  } catch (err) {
    if (!(err instanceof RowRefused)) throw err;
    await tx.query('rollback to savepoint data_rows');
    return null;
  }
  await tx.query('release savepoint data_rows');
  return rows.length;
}

async function writeEach(tx: Sql, kind: Kind, rows: { line: number; row: unknown }[], refused: Refused[]) {
  let written = 0;
  for (const { line, row } of rows) {
    await tx.query('savepoint data_row');
    try {
      await kind.write(tx, row as never);
      await tx.query('release savepoint data_row');
      written++;
    } catch (err) {
      if (!(err instanceof RowRefused)) throw err;
      await tx.query('rollback to savepoint data_row');
      refused.push({ line, message: err.message });
    }
  }
  return written;
}
