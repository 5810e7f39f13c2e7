import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Conversation } from '../protocol';
import { db } from '../utils/db';
import { useLiveQuery } from '../utils/live-query';
import { useSessionStore } from './session';

const byNewest = (a: Conversation, b: Conversation) => b.lastMessageAt.localeCompare(a.lastMessageAt);

/** The folders of SPEC C1 that the skeleton shows, plus which conversation is open. */
export const useInboxStore = defineStore('inbox', () => {
  const session = useSessionStore();
  const myId = computed(() => session.rep?.id ?? null);

  /** Longest-waiting first: that is the one to take next. */
  const pending = useLiveQuery(() => db.conversations.where('status').equals('pending').sortBy('createdAt'), [] as Conversation[]);

  const active = useLiveQuery(
    async () => {
      const me = myId.value;
      if (!me) return [] as Conversation[];
      const mine = await db.conversations.where('ownerId').equals(me).filter((c) => c.status === 'active').toArray();
      return mine.sort(byNewest);
    },
    [] as Conversation[],
    myId,
  );

  const selectedId = ref<string | null>(null);
  function open(id: string) {
    selectedId.value = id;
  }
  function close() {
    selectedId.value = null;
  }

  return { pending, active, selectedId, open, close };
});
