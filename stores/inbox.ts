import { defineStore } from 'pinia';
import { computed, ref, type Ref } from 'vue';
import type { ChannelName, Conversation, Folder } from '#protocol';
import { db } from '#utils/db';
import { useLiveQuery } from '#utils/live-query';
import { useFolderList } from './folder-list';

/** The folders the side panel shows (FEATURES C1); 'none' is the hub saying "not for you", never shown. */
export const VISIBLE_FOLDERS = ['pending', 'active', 'closed', 'archived'] as const satisfies readonly Folder[];
export type VisibleFolder = (typeof VISIBLE_FOLDERS)[number];

/** The inbox's four folders and which conversation is open. */
export const useInboxStore = defineStore('inbox', () => {
  /** Show only conversations with this tag (FEATURES D7); null: all. */
  const tagFilter = ref<string | null>(null);
  /** Show only conversations on this channel (FEATURES G2); null: all. */
  const channelFilter = ref<ChannelName | null>(null);
  const filtered = () => !!tagFilter.value || !!channelFilter.value;
  const passes = (c: Conversation) =>
    (!tagFilter.value || !!c.tags?.includes(tagFilter.value)) &&
    (!channelFilter.value || c.channel === channelFilter.value);
  /** Every tag on a cached conversation, for the filter (the multi-entry index lists each once). */
  const allTags = useLiveQuery(
    async () => (await db.conversations.orderBy('tags').uniqueKeys()).map(String),
    [] as string[],
  );
  /**
   * A folder's conversations, as the hub filed them for this rep (the UI never re-derives the rules), in
   * the order shown (folder-list.ts), with the tag and channel filters applied, and how many there are. A filtered
   * folder is counted once it is wholly read (just after the first paint); until then its count is null.
   */
  function shown(folder: VisibleFolder): { list: Ref<Conversation[]>; count: Ref<number | null> } {
    const { rows, total, complete } = useFolderList(folder);
    const list = computed(() => (filtered() ? rows.value.filter(passes) : rows.value));
    const count = computed(() => (!filtered() ? total.value : complete.value ? list.value.length : null));
    return { list, count };
  }
  const folders = VISIBLE_FOLDERS.map((folder) => [folder, shown(folder)] as const);
  const [pending, active, closed, archived] = folders.map(([, f]) => f.list) as [
    Ref<Conversation[]>,
    Ref<Conversation[]>,
    Ref<Conversation[]>,
    Ref<Conversation[]>,
  ];
  /** Each folder's size (FEATURES D1), counted on its index before the rows below the first screenful are read. */
  const counts = computed(
    () =>
      Object.fromEntries(folders.map(([folder, f]) => [folder, f.count.value])) as Record<VisibleFolder, number | null>,
  );

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

  return {
    pending,
    active,
    closed,
    archived,
    counts,
    tagFilter,
    channelFilter,
    allTags,
    selectedId,
    open,
    close,
    step,
  };
});
