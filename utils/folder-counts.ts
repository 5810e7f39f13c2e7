import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';

/**
 * How many cached conversations each inbox folder holds (FEATURES D1), kept by every write to the
 * conversations table in that write's own transaction, so the side panel reads a folder's size as one
 * row instead of walking the folder's index (which on Chromium costs time in proportion to the folder).
 *
 * It is a Dexie DBCore middleware, so no writer has to know about it: any read-write transaction that
 * touches conversations also gets the counts table, and each put, add, delete or clear on conversations
 * first reads the rows it replaces, then moves their folders' counts. Whatever aborts the write aborts
 * the count with it. Writes in one transaction are counted one after another, so two that run together
 * (a Promise.all over puts) still see each other's rows.
 */

export const FOLDER_COUNTS_TABLE = 'folderCounts';
const CONVERSATIONS_TABLE = 'conversations';
/** DBCoreRangeType.Any (a const enum Dexie's types cannot export to us): the whole table, i.e. clear(). */
const WHOLE_TABLE = 3;

/** One folder's size; a folder with no conversations has no row. */
export interface FolderCount {
  folder: string;
  count: number;
}

/** A row that is not (or no longer) in the table. */
const ABSENT = Symbol('absent');
type Folder = string | undefined | typeof ABSENT;

const folderOf = (row: unknown): Folder =>
  row === undefined ? ABSENT : ((row as { folder?: unknown }).folder as string | undefined);

/** The counts as a table of folder → how many, from the rows themselves: the upgrade and the tests' yardstick. */
export function countFolders(rows: Iterable<{ folder?: unknown }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (typeof row.folder === 'string') counts.set(row.folder, (counts.get(row.folder) ?? 0) + 1);
  }
  return counts;
}

/** Whether this transaction can keep the counts: read-write (or an upgrade) and the counts table exists. */
function keepsCounts(trans: DBCoreTransaction): boolean {
  const idb = trans as unknown as Partial<IDBTransaction>;
  return idb.mode !== 'readonly' && !!idb.objectStoreNames?.contains(FOLDER_COUNTS_TABLE);
}

export const folderCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'FolderCounts',
  create(down) {
    /** The previous counted write of each transaction, so the next waits for it. */
    const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
    const hasCounts = down.schema.tables.some((t) => t.name === FOLDER_COUNTS_TABLE);
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen =
          mode === 'readwrite' &&
          stores.includes(CONVERSATIONS_TABLE) &&
          !stores.includes(FOLDER_COUNTS_TABLE) &&
          hasCounts;
        return down.transaction(widen ? [...stores, FOLDER_COUNTS_TABLE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        // An upgrade from before the counts table sees the old schema: it recounts in its own step.
        if (name !== CONVERSATIONS_TABLE || !hasCounts) return table;
        const counts = down.table(FOLDER_COUNTS_TABLE);
        return {
          ...table,
          mutate(req) {
            if (!keepsCounts(req.trans)) return table.mutate(req);
            const previous = queues.get(req.trans) ?? Promise.resolve();
            const run = previous.then(() => mutateCounted(table, counts, req));
            queues.set(
              req.trans,
              run.catch(() => undefined),
            );
            return run;
          },
        };
      },
    };
  },
};

async function mutateCounted(
  table: DBCoreTable,
  counts: DBCoreTable,
  req: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  if (req.type === 'deleteRange' && req.range.type === WHOLE_TABLE) {
    const response = await table.mutate(req);
    await counts.mutate({ type: 'deleteRange', trans, range: req.range });
    return response;
  }
  const { extractKey } = table.schema.primaryKey;
  const keys: unknown[] =
    req.type === 'deleteRange'
      ? await table
          .query({ trans, values: false, query: { index: table.schema.primaryKey, range: req.range } })
          .then((r) => r.result)
      : req.type === 'delete'
        ? req.keys
        : (req.keys ?? req.values.map((v) => extractKey!(v)));
  const before = await table.getMany({ trans, keys });
  const current = new Map<unknown, Folder>(keys.map((key, i) => [key, folderOf(before[i])]));

  const response = await table.mutate(req);

  const delta = new Map<string, number>();
  const move = (key: unknown, to: Folder) => {
    const from = current.get(key) ?? ABSENT;
    if (typeof from === 'string') delta.set(from, (delta.get(from) ?? 0) - 1);
    if (typeof to === 'string') delta.set(to, (delta.get(to) ?? 0) + 1);
    current.set(key, to);
  };
  if (req.type === 'add' || req.type === 'put') {
    // In order, so a batch naming one conversation twice ends where its last value says; refused rows stay.
    req.values.forEach((value, i) => {
      if (!response.failures[i]) move(keys[i], folderOf(value));
    });
  } else {
    for (const key of keys) move(key, ABSENT);
  }
  await applyDelta(counts, trans, delta);
  return response;
}

async function applyDelta(counts: DBCoreTable, trans: DBCoreTransaction, delta: Map<string, number>) {
  const folders = [...delta.keys()].filter((f) => delta.get(f) !== 0);
  if (folders.length === 0) return;
  const rows = (await counts.getMany({ trans, keys: folders })) as (FolderCount | undefined)[];
  const next = folders.map((folder, i) => ({ folder, count: (rows[i]?.count ?? 0) + delta.get(folder)! }));
  const kept = next.filter((row) => row.count > 0);
  const emptied = next.filter((row) => row.count <= 0).map((row) => row.folder);
  if (kept.length > 0) await counts.mutate({ type: 'put', trans, values: kept });
  if (emptied.length > 0) await counts.mutate({ type: 'delete', trans, keys: emptied });
}
