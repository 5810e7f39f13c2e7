import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { dayRange, inRange } from '#utils/date-range';
import { phraseMatcher } from '#utils/highlight';
import { itemText, type TimelineItem } from '#utils/timeline';
import { useInboxStore } from './inbox';

/**
 * Search inside the open conversation (FEATURES D6): a phrase (hits highlighted) and a day or range of
 * days. While either is set the list shows only the lines that match. Opening a conversation from
 * the search across conversations carries the phrase along.
 */
export const useConversationSearchStore = defineStore('conversationSearch', () => {
  const inbox = useInboxStore();
  const phrase = ref('');
  const from = ref('');
  const to = ref('');
  let carried: string | null = null;

  watch(
    () => inbox.selectedId,
    () => {
      phrase.value = carried ?? '';
      carried = null;
      from.value = '';
      to.value = '';
    },
  );

  /** Opens a conversation with its search already set to `text`. */
  function openWith(conversationId: string, text: string) {
    if (inbox.selectedId === conversationId) phrase.value = text;
    else carried = text;
    inbox.open(conversationId);
  }

  const matcher = computed(() => phraseMatcher(phrase.value));
  const range = computed(() => dayRange(from.value, to.value));
  const active = computed(() => matcher.value !== null || range.value !== null);

  function filter(items: TimelineItem[]): TimelineItem[] {
    if (!active.value) return items;
    // One sticky-free copy of the matcher for the whole pass (a global regex carries state between tests).
    const once = matcher.value && new RegExp(matcher.value.source, 'iu');
    return items.filter((item) => inRange(item.at, range.value) && (!once || once.test(itemText(item))));
  }

  function clear() {
    phrase.value = '';
    from.value = '';
    to.value = '';
  }

  return { phrase, from, to, matcher, range, active, filter, openWith, clear };
});
