// Owns the console's CSV import and catalog screens' wire (issue 20; FEATURES E2, E10): which kinds a
// CSV may hold, the import request and its streamed progress and report, and the catalog's search,
// edit and hide — with their limits. The rows themselves are the data API's (data-api.ts).
import * as z from 'zod';
import { ApiProduct } from './data-api';
import { Product } from './crm-basics';

export const IMPORT_LIMITS = {
  /** Rows in one CSV import (a shop's whole catalog or customer list). */
  rows: 100_000,
  /** Bytes of one import request (the CSV's rows as NDJSON). */
  bodyBytes: 96 * 1024 * 1024,
  /** Rows written per transaction when good rows are written (so others' writes interleave), and per progress step. */
  batchRows: 1_000,
  /** Rows the preview sends to the hub to show them as they will be written. */
  previewRows: 10,
  /** Bytes of a CSV file the console reads. */
  fileBytes: 64 * 1024 * 1024,
  /** Refused rows listed on the screen (the whole report is a download). */
  refusedShown: 200,
} as const;

/** What a CSV import may hold: the data API kinds a console user imports from a shop's export. */
export const ImportKind = z.enum(['products', 'contacts', 'orders']);
export type ImportKind = z.infer<typeof ImportKind>;
export const IMPORT_KINDS = ImportKind.options;

export const ImportParams = z.object({ kind: ImportKind });

/** `mode=all`: every good row written; `atomic`: nothing unless every row is good; `preview`: checked, never written. */
export const ImportMode = z.enum(['good', 'atomic', 'preview']);
export type ImportMode = z.infer<typeof ImportMode>;
export const ImportQuery = z.object({ mode: ImportMode.default('good') });

/** One line of the import body (NDJSON): a row as the data API takes it, and the CSV line it came from. */
export const ImportLine = z.object({ line: z.number().int().min(1), row: z.record(z.string(), z.unknown()) });
export type ImportLine = z.infer<typeof ImportLine>;

export const ImportReport = z.object({
  mode: ImportMode,
  total: z.number().int(),
  written: z.number().int(),
  refused: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** One line of the streamed answer: progress after each batch, then the report (or the failure that stopped it). */
export const ImportProgressLine = z.union([
  z.object({ done: z.number().int(), total: z.number().int() }),
  z.object({ report: ImportReport }),
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type ImportProgressLine = z.infer<typeof ImportProgressLine>;

export const CATALOG_LIMITS = {
  /** Products one catalog search answers. */
  results: 50,
  /** Characters of a catalog search. */
  queryChars: 200,
} as const;

export const CatalogQuery = z.object({
  q: z.string().trim().max(CATALOG_LIMITS.queryChars).default(''),
  hidden: z.enum(['any', 'only']).default('any'),
});

/** A product as the catalog screen shows it: the gallery's fields and whether it is hidden from the gallery. */
export const CatalogProduct = Product.extend({ hidden: z.boolean() });
export type CatalogProduct = z.infer<typeof CatalogProduct>;
export const CatalogResponse = z.object({ products: z.array(CatalogProduct), more: z.boolean() });
export type CatalogResponse = z.infer<typeof CatalogResponse>;

/** An edit of a product: its fields as the data API checks them (the SKU is its key and stays), and the hidden flag. */
export const CatalogEdit = ApiProduct.omit({ sku: true }).extend({ hidden: z.boolean() });
export type CatalogEdit = z.infer<typeof CatalogEdit>;
