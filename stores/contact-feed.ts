import { ref } from 'vue';
import type { CrmAnswerFor, FeedItem, FeedType } from '#protocol';
import { describeCommandError } from '#utils/command-errors';
import { crm } from '#utils/crm-api';

type FeedPage = { items: FeedItem[]; next: CrmAnswerFor<'feed'>['next'] };

/**
 * The contact card's activity feed (FEATURES E9), newest first, filtered by type; `loadFeed(true)`
 * pages back. It belongs to the card store (contact.ts), whose load token it checks: a page that
 * answers after the rep left the conversation is dropped.
 */
export function useCardFeed(card: {
  contactId: () => string | undefined;
  token: () => number;
  onError: (message: string) => void;
}) {
  const feed = ref<FeedPage>({ items: [], next: null });
  const feedTypes = ref<FeedType[]>([]);
  const loadingFeed = ref(false);

  async function loadFeed(more = false) {
    const id = card.contactId();
    if (!id) return;
    const mine = card.token();
    loadingFeed.value = true;
    try {
      const before = more ? feed.value.next : null;
      const result = await crm({
        op: 'feed',
        contactId: id,
        types: feedTypes.value.length ? [...feedTypes.value] : null,
        before,
      });
      if (mine !== card.token()) return;
      if (!result.ok) {
        card.onError(describeCommandError(result));
        return;
      }
      feed.value = {
        items: more ? [...feed.value.items, ...result.answer.items] : result.answer.items,
        next: result.answer.next,
      };
    } finally {
      if (mine === card.token()) loadingFeed.value = false;
    }
  }

  function setFeedTypes(types: FeedType[]) {
    feedTypes.value = types;
    void loadFeed();
  }

  return { feed, feedTypes, loadingFeed, loadFeed, setFeedTypes };
}
