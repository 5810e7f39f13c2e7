import Dexie, { liveQuery, type Subscription } from 'dexie';
import { computed, onScopeDispose, shallowRef, type Ref } from 'vue';
import { INBOX_FIRST_ROWS, type Conversation, type Folder } from '#protocol';
import { afterPaint } from '#utils/after-paint';
import { db, getFolderCount } from '#utils/db';

/**
 * One inbox folder, read so that the side panel paints before it has read the whole cache (FEATURES D1).
 * First the rows a panel shows, ordered and limited on the folder's index, and the folder's size, the one
 * row the worker's writes keep (folder-counts.ts), read together in one transaction so they agree and are
 * drawn in one render; after that first paint the whole folder, which from then
 * on is the only query followed. Both reads walk the same index the same way, so the first rows are the
 * whole list's first rows.
 */
export interface FolderList {
  /** The folder's conversations in the order shown: the first screenful until `complete`, then all of them. */
  rows: Ref<Conversation[]>;
  /** How many conversations the folder holds; null until counted. */
  total: Ref<number | null>;
  /** Whether `rows` holds the whole folder. */
  complete: Ref<boolean>;
}

/** Pending longest-waiting first (the one to take next), the other folders newest message first. */
function inOrder(folder: Folder) {
  const [index, newestFirst] = folder === 'pending' ? ['[folder+createdAt]', false] : ['[folder+lastMessageAt]', true];
  const rows = db.conversations.where(index).between([folder, Dexie.minKey], [folder, Dexie.maxKey]);
  return newestFirst ? rows.reverse() : rows;
}

export function useFolderList(folder: Folder): FolderList {
  const first = shallowRef<Conversation[]>([]);
  const all = shallowRef<Conversation[] | null>(null);
  const counted = shallowRef<number | null>(null);
  const subscriptions: Subscription[] = [];
  let disposed = false;
  let readAllAfterPaint = false;

  const follow = <T>(query: () => Promise<T>, next: (value: T) => void) => {
    const subscription = liveQuery(query).subscribe({
      next,
      error: (error) => console.error('[parley] live query failed', error),
    });
    subscriptions.push(subscription);
    return subscription;
  };
  const stop = (list: Subscription[]) => list.forEach((s) => s.unsubscribe());

  // The first screenful and the folder's size in one read-only transaction: one snapshot, one render.
  const firstScreen = follow(
    () =>
      db.transaction('r', db.conversations, db.folderCounts, () =>
        Promise.all([inOrder(folder).limit(INBOX_FIRST_ROWS).toArray(), getFolderCount(folder)]),
      ),
    ([rows, n]) => {
      first.value = rows;
      counted.value = n;
      if (readAllAfterPaint) return;
      readAllAfterPaint = true;
      void afterPaint().then(readAll);
    },
  );
  function readAll() {
    if (disposed) return;
    follow(
      () => inOrder(folder).toArray(),
      (rows) => {
        all.value = rows;
        firstScreen.unsubscribe();
      },
    );
  }
  onScopeDispose(() => {
    disposed = true;
    stop(subscriptions);
  });

  const complete = computed(() => all.value !== null);
  return {
    rows: computed(() => all.value ?? first.value),
    total: computed(() => (all.value ? all.value.length : counted.value)),
    complete,
  };
}
