import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { browser } from 'wxt/browser';
import type { ContactCard, ContactChat, ContactChatsCursor, Message } from '#protocol';
import { describeCommandError } from '#utils/command-errors';
import { crm } from '#utils/crm-api';
import { useStorageItem } from '#utils/live-query';
import { pageRecordsItem } from '#utils/page-records';
import { useSessionStore } from './session';

/**
 * CRM page awareness (FEATURES E12): the record email the active tab of this window shows, and that
 * contact's chats from the hub. Every load takes a token, so a slow answer for the previous record
 * never lands beside the next one.
 */
export const usePageRecordStore = defineStore('pageRecord', () => {
  const session = useSessionStore();
  const records = useStorageItem(pageRecordsItem);
  const activeTabId = ref<number | null>(null);
  let windowId: number | undefined;

  const email = computed(() => (activeTabId.value === null ? null : (records.value[activeTabId.value]?.email ?? null)));
  const card = ref<ContactCard | null>(null);
  const conversations = ref<ContactChat[]>([]);
  const next = ref<ContactChatsCursor | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Opened transcripts by conversation id: its messages, or why they could not be read. */
  const transcripts = ref<Record<string, Message[] | string>>({});
  let token = 0;

  async function load() {
    const mine = ++token;
    card.value = null;
    conversations.value = [];
    next.value = null;
    error.value = null;
    transcripts.value = {};
    const address = email.value;
    if (!address || !session.signedIn) {
      loading.value = false;
      return;
    }
    loading.value = true;
    const result = await crm({ op: 'lookup', email: address });
    if (mine !== token) return;
    loading.value = false;
    if (!result.ok) {
      error.value = describeCommandError(result);
      return;
    }
    card.value = result.answer.card;
    conversations.value = result.answer.conversations;
    next.value = result.answer.next;
  }

  async function loadMore() {
    const address = email.value;
    if (!address || !next.value || loading.value) return;
    const mine = token;
    loading.value = true;
    const result = await crm({ op: 'contactChats', email: address, before: next.value });
    if (mine !== token) return;
    loading.value = false;
    if (!result.ok) {
      error.value = describeCommandError(result);
      return;
    }
    conversations.value = [...conversations.value, ...result.answer.conversations];
    next.value = result.answer.next;
  }

  /** Shows a chat's transcript, read-only, or hides it again. */
  async function toggleTranscript(conversationId: string) {
    if (transcripts.value[conversationId]) {
      const { [conversationId]: _, ...rest } = transcripts.value;
      transcripts.value = rest;
      return;
    }
    const mine = token;
    const result = await crm({ op: 'transcript', conversationId });
    if (mine !== token) return;
    transcripts.value = {
      ...transcripts.value,
      [conversationId]: result.ok ? result.answer.messages : describeCommandError(result),
    };
  }

  /**
   * Follows the active tab of the panel's window (once, however often the section mounts). Opened as
   * a tab of its own instead of in the side panel, the panel follows the last other tab the rep was on.
   */
  let started = false;
  async function start() {
    if (started) return;
    started = true;
    let ownTabId: number | undefined;
    browser.tabs.onActivated.addListener((info) => {
      if (info.tabId === ownTabId) return;
      if (ownTabId !== undefined || windowId === undefined || info.windowId === windowId)
        activeTabId.value = info.tabId;
    });
    try {
      ownTabId = (await browser.tabs.getCurrent())?.id;
      windowId = (await browser.windows.getCurrent())?.id;
      const [tab] = await browser.tabs.query(
        windowId === undefined ? { active: true, currentWindow: true } : { active: true, windowId },
      );
      if (tab?.id !== undefined && tab.id !== ownTabId && activeTabId.value === null) activeTabId.value = tab.id;
    } catch (error) {
      console.warn('[parley] could not find the active tab', error);
    }
  }

  watch([email, () => session.signedIn], () => void load(), { immediate: true });

  return { email, card, conversations, next, loading, error, transcripts, start, load, loadMore, toggleTranscript };
});
