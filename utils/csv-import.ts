import { parse } from 'csv-parse/browser/esm/sync';
import { IMPORT_LIMITS, type ImportKind, type ImportLine } from '#protocol';
import { convertCell, IMPORT_FIELDS } from './import-fields';

/**
 * A CSV file as the console's import reads it (issue 20): the header line and the records, each with
 * the CSV line it starts on (quoted cells may span lines), parsed by csv-parse; the delimiter is the
 * header line's most frequent of comma, semicolon and tab. Then the mapped rows the hub is sent, one
 * per record — orders one per order id, its records its lines, numbered by the first record's line.
 */
export interface CsvTable {
  headers: string[];
  records: { line: number; cells: string[] }[];
}

export class CsvUnreadable extends Error {}

/** csv-parse numbers a record by the line it ends on; the line breaks inside its raw text (not those around it) lead back to its first. */
const newlines = (raw: string) => raw.replace(/^[\r\n]+|[\r\n]+$/g, '').split('\n').length - 1;

export function readCsv(text: string): CsvTable {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = [',', ';', '\t']
    .map((d) => ({ d, n: firstLine.split(d).length }))
    .reduce((best, x) => (x.n > best.n ? x : best)).d;
  let parsed: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    parsed = parse(text, {
      bom: true,
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to: IMPORT_LIMITS.rows + 2,
    }) as unknown as typeof parsed;
  } catch (err) {
    throw new CsvUnreadable((err as Error).message);
  }
  const [header, ...rest] = parsed;
  return {
    headers: (header?.record ?? []).map((h) => h.trim()),
    records: rest.map((r) => ({ line: r.info.lines - newlines(r.raw), cells: r.record })),
  };
}

type Mapping = Record<string, number | null>;

function cellsOf(kind: ImportKind, mapping: Mapping, cells: string[], line: boolean) {
  const out: Record<string, unknown> = {};
  for (const f of IMPORT_FIELDS[kind]) {
    const column = mapping[f.key];
    if (Boolean(f.line) !== line || column === null || column === undefined) continue;
    const value = convertCell(cells[column] ?? '', f.convert);
    if (value !== undefined) out[f.key] = value;
  }
  return out;
}

/** The rows to send, in file order: a record's mapped cells (an order's: its id's records as lines). */
export function mappedRows(kind: ImportKind, mapping: Mapping, records: CsvTable['records']): ImportLine[] {
  if (kind !== 'orders') return records.map((r) => ({ line: r.line, row: cellsOf(kind, mapping, r.cells, false) }));
  const orders = new Map<string, ImportLine & { row: { lines: unknown[] } }>();
  const rows: ImportLine[] = [];
  for (const r of records) {
    const order = cellsOf(kind, mapping, r.cells, false);
    const key = typeof order.orderId === 'string' ? order.orderId : `line ${r.line}`;
    let found = orders.get(key);
    if (!found) {
      found = { line: r.line, row: { ...order, lines: [] } };
      orders.set(key, found);
      rows.push(found);
    }
    found.row.lines.push(cellsOf(kind, mapping, r.cells, true));
  }
  return rows;
}

/** The fields that must have a column and have none. */
export const unmapped = (kind: ImportKind, mapping: Mapping) =>
  IMPORT_FIELDS[kind].filter((f) => f.required && (mapping[f.key] ?? null) === null);
