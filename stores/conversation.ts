import Dexie from 'dexie';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { LIMITS, type Conversation, type Message } from '../protocol';
import { describeCommandError } from '../utils/command-errors';
import { db, type OutboxEntry } from '../utils/db';
import { useLiveQuery } from '../utils/live-query';
import { sendMessage } from '../utils/messaging';
import { useInboxStore } from './inbox';
import { useSessionStore } from './session';

/** The open conversation: its messages, the replies still in the outbox, and the rep's actions on it. */
export const useConversationStore = defineStore('conversation', () => {
  const inbox = useInboxStore();
  const session = useSessionStore();
  const id = computed(() => inbox.selectedId);

  const conversation = useLiveQuery(
    async () => (id.value ? ((await db.conversations.get(id.value)) ?? null) : null),
    null as Conversation | null,
    id,
  );
  const messages = useLiveQuery(
    async () =>
      id.value
        ? db.messages.where('[conversationId+createdAt]').between([id.value, Dexie.minKey], [id.value, Dexie.maxKey]).toArray()
        : [],
    [] as Message[],
    id,
  );
  const outbox = useLiveQuery(
    async () => (id.value ? db.outbox.where('conversationId').equals(id.value).sortBy('createdAt') : []),
    [] as OutboxEntry[],
    id,
  );

  const isMine = computed(() => conversation.value?.ownerId != null && conversation.value.ownerId === session.rep?.id);
  const canTake = computed(() => session.canAct && conversation.value?.status === 'pending');
  /** A pending conversation can be answered too: the first reply claims it (SPEC C3). */
  const canReply = computed(
    () => session.canAct && (conversation.value?.status === 'pending' || (conversation.value?.status === 'active' && isMine.value)),
  );

  const error = ref<string | null>(null);
  const taking = ref(false);
  // An error belongs to the conversation it happened in.
  watch(id, () => {
    error.value = null;
  });

  async function take() {
    if (!id.value || taking.value) return;
    taking.value = true;
    error.value = null;
    try {
      const result = await sendMessage('take', { conversationId: id.value });
      if (!result.ok) error.value = describeCommandError(result);
    } finally {
      taking.value = false;
    }
  }

  /** Queues the reply; returns false when there is nothing to send. */
  async function send(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!id.value || !trimmed || trimmed.length > LIMITS.messageChars) return false;
    error.value = null;
    await sendMessage('send', { conversationId: id.value, text: trimmed });
    return true;
  }

  return { conversation, messages, outbox, isMine, canTake, canReply, error, taking, take, send };
});
