import Dexie from 'dexie';
import { defineStore } from 'pinia';
import { computed, ref, type Ref } from 'vue';
import type { Conversation, Folder } from '#protocol';
import { db } from '#utils/db';
import { useLiveQuery } from '#utils/live-query';

/** The folders the side panel shows (FEATURES C1); 'none' is the hub saying "not for you", never shown. */
export const VISIBLE_FOLDERS = ['pending', 'active', 'closed', 'archived'] as const satisfies readonly Folder[];
export type VisibleFolder = (typeof VISIBLE_FOLDERS)[number];

/**
 * A folder's conversations, as the hub filed them for this rep (the UI never re-derives the rules),
 * read in the order shown from an index: Pending longest-waiting first (the one to take next), the
 * others newest message first.
 */
function folderQuery(folder: VisibleFolder) {
  const [index, newestFirst] = folder === 'pending' ? ['[folder+createdAt]', false] : ['[folder+lastMessageAt]', true];
  return () => {
    const rows = db.conversations.where(index).between([folder, Dexie.minKey], [folder, Dexie.maxKey]);
    return (newestFirst ? rows.reverse() : rows).toArray();
  };
}

/** The inbox's four folders and which conversation is open. */
export const useInboxStore = defineStore('inbox', () => {
  /** Show only conversations with this tag (FEATURES D7); null: all. */
  const tagFilter = ref<string | null>(null);
  /** Every tag on a cached conversation, for the filter (the multi-entry index lists each once). */
  const allTags = useLiveQuery(
    async () => (await db.conversations.orderBy('tags').uniqueKeys()).map(String),
    [] as string[],
  );
  const filtered = (list: Ref<Conversation[]>) =>
    computed(() => (tagFilter.value ? list.value.filter((c) => c.tags?.includes(tagFilter.value!)) : list.value));

  const pending = filtered(useLiveQuery(folderQuery('pending'), [] as Conversation[]));
  const active = filtered(useLiveQuery(folderQuery('active'), [] as Conversation[]));
  const closed = filtered(useLiveQuery(folderQuery('closed'), [] as Conversation[]));
  const archived = filtered(useLiveQuery(folderQuery('archived'), [] as Conversation[]));

  const selectedId = ref<string | null>(null);
  function open(id: string) {
    selectedId.value = id;
  }
  function close() {
    selectedId.value = null;
  }

  /** Moves the selection through the folders in the order the panel lists them (FEATURES B5); wraps around. */
  function step(direction: 1 | -1) {
    const order = [...pending.value, ...active.value, ...closed.value, ...archived.value].map((c) => c.id);
    if (order.length === 0) return;
    const at = selectedId.value ? order.indexOf(selectedId.value) : -1;
    const next = at === -1 ? (direction === 1 ? 0 : order.length - 1) : (at + direction + order.length) % order.length;
    selectedId.value = order[next]!;
  }

  return { pending, active, closed, archived, tagFilter, allTags, selectedId, open, close, step };
});
