import { IMPORT_LIMITS, ImportLine, type ImportKind, type ImportMode, type ImportReport } from '#protocol';
import { HubError } from '../inbox/errors';
import type { Db, Sql } from '../storage/db';
import { announceContactChanges } from './contact-changes';
import { checkRow, writeRows, type Refused } from './ingest';
import { KINDS } from './kinds';

/**
 * The console's CSV import (issue 20; FEATURES E2, E10): the page reads the CSV and maps its columns,
 * then sends every row at once as NDJSON, each with the CSV line it came from. Rows are checked and
 * written by the data API's own path (ingest.ts: the kind's schema, then its upsert behind a
 * savepoint), so a refused row is reported with its CSV line and the same reason `/bulk` gives.
 * Good rows only: written in batches of IMPORT_LIMITS.batchRows, one transaction each, so other
 * writes go on between them. All-or-nothing: the whole file in one transaction, rolled back if any row
 * is refused, so nothing of it is ever seen half-written. Preview: the same, always rolled back.
 */

export interface ParsedImport {
  rows: { line: number; row: unknown }[];
  refused: Refused[];
  total: number;
}

/** The body's rows checked against the kind's schema; a body the console could not have sent is refused whole. */
export function parseImport(kind: ImportKind, body: string, mode: ImportMode): ParsedImport {
  const most = mode === 'preview' ? IMPORT_LIMITS.previewRows : IMPORT_LIMITS.rows;
  const rows: ParsedImport['rows'] = [];
  const refused: Refused[] = [];
  const lines = body.split('\n');
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (!text) continue;
    if (++total > most) throw new HubError('too_large', `an import of this kind has at most ${most} rows`, most);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HubError('bad_frame', `body line ${i + 1}: not valid JSON`);
    }
    const envelope = ImportLine.safeParse(json);
    if (!envelope.success) throw new HubError('bad_frame', `body line ${i + 1}: one {"line", "row"} object a line`);
    const checked = checkRow(KINDS[kind], envelope.data.row);
    if (checked.ok) rows.push({ line: envelope.data.line, row: checked.row });
    else refused.push({ line: envelope.data.line, message: checked.message });
  }
  if (total === 0) throw new HubError('bad_frame', 'the import has no rows');
  return { rows, refused, total };
}

/** Thrown to roll the whole file back (all-or-nothing with a refused row, or a preview). */
class Discard extends Error {}

/** Writes the rows as the mode says, calling `progress` after each batch; answers the full report. */
export async function runImport(
  db: Db,
  kind: ImportKind,
  parsed: ParsedImport,
  mode: ImportMode,
  progress: (done: number, total: number) => void,
  /** Called after a commit that told reps of changed cards (`contact.changed`, ingest/contact-changes.ts). */
  committed: () => void = () => {},
): Promise<ImportReport> {
  const refused = [...parsed.refused];
  const { rows, total } = parsed;
  let written = 0;
  let done = parsed.refused.length;
  const batches = async (inTx: (write: (tx: Sql) => Promise<number>) => Promise<number>) => {
    for (let at = 0; at < rows.length; at += IMPORT_LIMITS.batchRows) {
      const batch = rows.slice(at, at + IMPORT_LIMITS.batchRows);
      written += await inTx(async (tx) => (await writeRows(tx, KINDS[kind], batch, refused, false)).written);
      done += batch.length;
      progress(done, total);
    }
  };
  if (mode === 'good')
    await batches(async (write) => {
      let announced = false;
      const n = await db.transaction(async (tx) => {
        const w = await write(tx);
        announced = await announceContactChanges(tx);
        return w;
      });
      if (announced) committed();
      return n;
    });
  else {
    let announced = false;
    try {
      await db.transaction(async (tx) => {
        await batches((write) => write(tx));
        if (mode === 'preview' || refused.length > 0) throw new Discard();
        announced = await announceContactChanges(tx);
      });
      if (announced) committed();
    } catch (err) {
      if (!(err instanceof Discard)) throw err;
      if (mode === 'atomic') written = 0;
    }
  }
  refused.sort((a, b) => a.line - b.line);
  return { mode, total, written, refused };
}
