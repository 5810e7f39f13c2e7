import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { SNEAK_PEEK, type ReviewDecision } from '#protocol';
import { describeCommandError } from '#utils/command-errors';
import { uploadFile, type UploadResult } from '#utils/files-api';
import { t, type MessageKey } from '#utils/i18n';
import { useStorageItem } from '#utils/live-query';
import { sendMessage } from '#utils/messaging';
import { draftsItem } from '#utils/sneak-peek';
import { useInboxStore } from './inbox';

/**
 * The open conversation's files and live typing (FEATURES D2–D4): uploads with their progress and
 * refusals, the rep's accept/reject, the visitor's draft (sneak peek) and the rep's own "typing".
 */
const REFUSAL_TEXT: Record<Exclude<UploadResult, { ok: true }>['code'], MessageKey> = {
  file_empty: 'fileRefusedEmpty',
  file_too_large: 'fileRefusedTooLarge',
  file_type_not_allowed: 'fileRefusedType',
  file_type_mismatch: 'fileRefusedMismatch',
  file_name_invalid: 'fileRefusedName',
  other: 'fileRefusedOther',
};

export function describeRefusal(result: Exclude<UploadResult, { ok: true }>): string {
  return t(
    REFUSAL_TEXT[result.code],
    result.code === 'file_too_large' && result.limit
      ? `${Math.floor((result.limit / 1024 / 1024) * 10) / 10} MB`
      : result.message,
  );
}

export const useFilesStore = defineStore('files', () => {
  const inbox = useInboxStore();
  const uploading = ref<string[]>([]);
  const error = ref<string | null>(null);
  const reviewing = ref<string | null>(null);
  // An error belongs to the conversation it happened in; typing ends when the rep leaves it.
  watch(
    () => inbox.selectedId,
    () => {
      error.value = null;
      stoppedTyping();
    },
  );

  async function send(files: readonly File[]) {
    const conversationId = inbox.selectedId;
    if (!conversationId) return;
    error.value = null;
    for (const file of files) {
      uploading.value = [...uploading.value, file.name];
      try {
        const result = await uploadFile(conversationId, file);
        if (!result.ok) error.value = t('uploadFailed', file.name, describeRefusal(result));
      } finally {
        const at = uploading.value.indexOf(file.name);
        uploading.value = uploading.value.filter((_, i) => i !== at);
      }
    }
  }

  async function review(fileId: string, decision: ReviewDecision) {
    const conversationId = inbox.selectedId;
    if (!conversationId || reviewing.value) return;
    reviewing.value = fileId;
    error.value = null;
    try {
      const result = await sendMessage('reviewFile', { conversationId, fileId, decision });
      if (!result.ok) error.value = describeCommandError(result);
    } finally {
      reviewing.value = null;
    }
  }

  // ---- sneak peek: the visitor's draft for the open conversation ----
  const drafts = useStorageItem(draftsItem);
  const visitorDraft = computed(() => (inbox.selectedId ? (drafts.value[inbox.selectedId]?.text ?? '') : ''));

  // ---- the rep's typing, said at most every typingRefreshMs and ended after typingIdleMs ----
  let lastSaid = 0;
  let typingFor: string | null = null;
  let idle: ReturnType<typeof setTimeout> | undefined;
  function say(conversationId: string, typing: boolean) {
    void Promise.resolve(sendMessage('typing', { conversationId, typing })).catch(() => {});
  }
  function typed() {
    const conversationId = inbox.selectedId;
    if (!conversationId) return;
    const now = Date.now();
    if (typingFor !== conversationId || now - lastSaid > SNEAK_PEEK.typingRefreshMs) {
      say(conversationId, true);
      lastSaid = now;
      typingFor = conversationId;
    }
    clearTimeout(idle);
    idle = setTimeout(stoppedTyping, SNEAK_PEEK.typingIdleMs);
  }
  function stoppedTyping() {
    clearTimeout(idle);
    if (typingFor) say(typingFor, false);
    typingFor = null;
    lastSaid = 0;
  }

  return { uploading, error, reviewing, send, review, visitorDraft, typed, stoppedTyping };
});
