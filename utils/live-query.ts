import { liveQuery, type Subscription } from 'dexie';
import { onScopeDispose, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue';

/**
 * A Vue ref that follows a Dexie query: Dexie re-runs the query whenever the tables it read change,
 * in this page or in another extension context (the background worker writes, pages read).
 * With `source`, the query is re-created when that value changes (e.g. the selected conversation).
 */
export function useLiveQuery<T>(query: () => Promise<T>, initial: T, source?: WatchSource<unknown>): Ref<T> {
  const value = shallowRef(initial) as Ref<T>;
  let subscription: Subscription | undefined;

  const subscribe = () => {
    subscription?.unsubscribe();
    subscription = liveQuery(query).subscribe({
      next: (result) => {
        value.value = result;
      },
      error: (error) => console.error('[parley] live query failed', error),
    });
  };

  if (source) watch(source, subscribe, { immediate: true });
  else subscribe();
  onScopeDispose(() => subscription?.unsubscribe());
  return value;
}

/** A ref that follows a WXT storage item across extension contexts. */
export function useStorageItem<T>(item: {
  getValue(): Promise<T>;
  watch(cb: (value: T) => void): () => void;
  fallback: T;
}): Ref<T> {
  const value = ref(item.fallback) as Ref<T>;
  // A change seen before the first read answers is newer than that answer: keep the change.
  let changed = false;
  void item.getValue().then((v) => {
    if (!changed) value.value = v;
  });
  const unwatch = item.watch((v) => {
    changed = true;
    value.value = v;
  });
  onScopeDispose(unwatch);
  return value;
}
