import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import type { Conversation } from '#protocol';
import { replyWindowClosed } from '#utils/channel-labels';

/** setTimeout's longest delay (about 24.8 days); a window further off is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Whether WhatsApp's 24-hour window (FEATURES G2) of the open conversation has closed, turning true at
 * the moment it closes while the rep looks at it: a timer set for its end, not a poll.
 */
export function useReplyWindow(conversation: Ref<Conversation | null>) {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  function schedule(closesAt: string | null) {
    clearTimeout(timer);
    now.value = Date.now();
    if (!closesAt) return;
    const wait = Date.parse(closesAt) - now.value;
    if (wait >= 0) timer = setTimeout(() => schedule(closesAt), Math.min(wait + 1, MAX_TIMER_MS));
  }
  watch(() => conversation.value?.sender?.replyWindowClosesAt ?? null, schedule, { immediate: true });
  onScopeDispose(() => clearTimeout(timer));
  return computed(() => replyWindowClosed(conversation.value?.sender, now.value));
}
