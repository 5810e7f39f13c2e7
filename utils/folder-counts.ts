import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
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
            const previous = queues.get(req.trans) ?? Dexie.Promise.resolve();
            const run = then(previous, () => mutateCounted(table, counts, req));
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

/**
 * `p.then(f)` with `f` run in the Dexie zone (PSD) it was chained from. Dexie's lower layers read the
 * current transaction from that zone (its liveQuery cache decides from it whether the write updates or
 * drops cached results); after a native await it is only sometimes restored, so every step here is
 * chained with Dexie's own promise, never awaited.
 */
const then = <T, R>(p: PromiseLike<T>, f: (value: T) => R | PromiseLike<R>): Promise<R> =>
  Dexie.Promise.resolve(p).then(f) as unknown as Promise<R>;

function mutateCounted(table: DBCoreTable, counts: DBCoreTable, req: DBCoreMutateRequest) {
  const { trans } = req;
  if (req.type === 'deleteRange' && req.range.type === WHOLE_TABLE) {
    return then(table.mutate(req), (response) =>
      then(counts.mutate({ type: 'deleteRange', trans, range: req.range }), () => response),
    );
  }
  const { extractKey } = table.schema.primaryKey;
  const keys: PromiseLike<unknown[]> =
    req.type === 'deleteRange'
      ? then(
          table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: req.range } }),
          (r) => r.result,
        )
      : Dexie.Promise.resolve(req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v) => extractKey!(v))));
  return then(keys, (keys) =>
    then(table.getMany({ trans, keys }), (before) =>
      then(table.mutate(req), (response) => {
        const delta = folderMoves(req, keys, before, response);
        return then(applyDelta(counts, trans, delta), () => response);
      }),
    ),
  );
}

/** How many conversations each folder gains (or loses) by this write, given the rows it replaced. */
function folderMoves(req: DBCoreMutateRequest, keys: unknown[], before: unknown[], response: DBCoreMutateResponse) {
  const current = new Map<unknown, Folder>(keys.map((key, i) => [key, folderOf(before[i])]));
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
  return delta;
}

function applyDelta(counts: DBCoreTable, trans: DBCoreTransaction, delta: Map<string, number>): PromiseLike<unknown> {
  const folders = [...delta.keys()].filter((f) => delta.get(f) !== 0);
  if (folders.length === 0) return Dexie.Promise.resolve();
  return then(counts.getMany({ trans, keys: folders }), (rows: (FolderCount | undefined)[]) => {
    const next = folders.map((folder, i) => ({ folder, count: (rows[i]?.count ?? 0) + delta.get(folder)! }));
    const kept = next.filter((row) => row.count > 0);
    const emptied = next.filter((row) => row.count <= 0).map((row) => row.folder);
    const put: PromiseLike<unknown> =
      kept.length > 0 ? counts.mutate({ type: 'put', trans, values: kept }) : Dexie.Promise.resolve();
    return then(put, () => (emptied.length > 0 ? counts.mutate({ type: 'delete', trans, keys: emptied }) : undefined));
  });
}
