import Dexie from 'dexie';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import {
  LIMITS,
  type BlockDuration,
  type Conversation,
  type Message,
  type Note,
  type QueueSummary,
  type TransferTarget,
} from '#protocol';
import { describeCommandError } from '#utils/command-errors';
import { conversationActions } from '#utils/conversation-actions';
import { db, getQueues, type OutboxEntry } from '#utils/db';
import { useLiveQuery, useStorageItem } from '#utils/live-query';
import { sendMessage, type CommandResult } from '#utils/messaging';
import { otherViewers, viewersItem } from '#utils/viewers';
import { useInboxStore } from './inbox';
import { useSessionStore } from './session';

/** The open conversation: its messages, the replies still in the outbox, and the rep's actions on it. */
/** How long the side panel waits for the worker to take a reply, and how often it asks. */
const HAND_OVER_TIMEOUT_MS = 3_000;
const HAND_OVER_ATTEMPTS = 10;

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
        ? db.messages
            .where('[conversationId+createdAt]')
            .between([id.value, Dexie.minKey], [id.value, Dexie.maxKey])
            .toArray()
        : [],
    [] as Message[],
    id,
  );
  const outbox = useLiveQuery(
    async () => (id.value ? db.outbox.where('conversationId').equals(id.value).sortBy('createdAt') : []),
    [] as OutboxEntry[],
    id,
  );
  /** Internal notes (FEATURES D9), shown in the timeline among the messages. */
  const notes = useLiveQuery(
    async () =>
      id.value
        ? db.notes
            .where('[conversationId+createdAt]')
            .between([id.value, Dexie.minKey], [id.value, Dexie.maxKey])
            .toArray()
        : [],
    [] as Note[],
    id,
  );
  const queues = useLiveQuery(() => getQueues(), [] as QueueSummary[]);
  const allViewers = useStorageItem(viewersItem);
  /** Colleagues who have this conversation open right now (FEATURES C10). */
  const viewers = computed(() => otherViewers(allViewers.value, id.value, session.rep?.id ?? null));

  /** Every button's visibility comes from the hub's `access` and `folder` for this rep. */
  const actions = computed(() => (conversation.value ? conversationActions(conversation.value, session.rep) : null));
  const canTake = computed(() => actions.value?.take ?? false);
  const canReply = computed(() => actions.value?.reply ?? false);

  const error = ref<string | null>(null);
  const busy = ref(false);
  // Immediate: the panel creates this store when a conversation is already selected.
  watch(
    id,
    (next) => {
      // An error belongs to the conversation it happened in.
      error.value = null;
      void Promise.resolve(sendMessage('viewing', { conversationId: next })).catch(() => {});
      // Messages from before this rep could see it (e.g. a transfer to them) never came as events.
      if (next) void Promise.resolve(sendMessage('loadHistory', { conversationId: next })).catch(() => {});
    },
    { immediate: true },
  );
  // Deleted, or filed in no folder of mine any more (someone else took it): nothing left to show.
  watch(conversation, (now, before) => {
    if (before && before.id === id.value && (!now || now.folder === 'none')) inbox.close();
  });

  /** Runs one command on the open conversation; true when the hub acknowledged it. */
  async function perform(run: (conversationId: string) => Promise<CommandResult>): Promise<boolean> {
    if (!id.value || busy.value) return false;
    busy.value = true;
    error.value = null;
    try {
      const result = await run(id.value);
      if (!result.ok) error.value = describeCommandError(result);
      return result.ok;
    } finally {
      busy.value = false;
    }
  }

  const take = () => perform((conversationId) => sendMessage('take', { conversationId }));
  const transfer = (to: TransferTarget) => perform((conversationId) => sendMessage('transfer', { conversationId, to }));
  const markHandled = () => perform((conversationId) => sendMessage('markHandled', { conversationId }));
  const endSession = () => perform((conversationId) => sendMessage('endSession', { conversationId }));
  const block = (duration: BlockDuration) =>
    perform((conversationId) => sendMessage('block', { conversationId, duration }));
  const archive = () => perform((conversationId) => sendMessage('archive', { conversationId }));
  const unarchive = () => perform((conversationId) => sendMessage('unarchive', { conversationId }));
  const remove = () => perform((conversationId) => sendMessage('delete', { conversationId }));
  const searchReps = (query: string) => sendMessage('searchReps', { query });
  const addTag = (tag: string) => perform((conversationId) => sendMessage('addTag', { conversationId, tag }));
  const removeTag = (tag: string) => perform((conversationId) => sendMessage('removeTag', { conversationId, tag }));
  const addNote = (text: string) => perform((conversationId) => sendMessage('addNote', { conversationId, text }));
  // Messaging channels (FEATURES C9, G2): an unknown sender's Add contact and Ignore, WhatsApp templates.
  const addContact = () => perform((conversationId) => sendMessage('addContact', { conversationId }));
  const ignoreSender = () => perform((conversationId) => sendMessage('ignoreSender', { conversationId }));
  const channelTemplates = (conversationId: string) => sendMessage('channelTemplates', { conversationId });
  const sendTemplate = (template: { name: string; language: string }, params: string[]) =>
    perform((conversationId) => sendMessage('sendTemplate', { conversationId, template, params }));
  /** The visitor's earlier conversations (FEATURES D10), asked of the hub each time: they are not cached. */
  const visitorHistory = (conversationId: string) => sendMessage('visitorHistory', { conversationId });

  /** Queues the reply; returns false when there is nothing to send. */
  async function send(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!id.value || !trimmed || trimmed.length > LIMITS.messageChars) return false;
    error.value = null;
    const request = { conversationId: id.value, text: trimmed, clientId: crypto.randomUUID() };
    // A worker stopped by the browser mid-call never answers; asking again wakes a fresh one, and the
    // same client id means the reply is queued once however many times it is handed over.
    for (let attempt = 1; ; attempt++) {
      const answered = await Promise.race([
        Promise.resolve(sendMessage('send', request)).then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), HAND_OVER_TIMEOUT_MS)),
      ]);
      if (answered) return true;
      if (attempt >= HAND_OVER_ATTEMPTS) throw new Error('the extension did not take the reply; try again');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  return {
    conversation,
    messages,
    notes,
    outbox,
    queues,
    viewers,
    actions,
    canTake,
    canReply,
    error,
    busy,
    take,
    transfer,
    markHandled,
    endSession,
    block,
    archive,
    unarchive,
    remove,
    searchReps,
    send,
    addTag,
    removeTag,
    addNote,
    visitorHistory,
    addContact,
    ignoreSender,
    channelTemplates,
    sendTemplate,
  };
});
