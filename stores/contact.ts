import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { CardAnswerBody, ContactCard, CrmAnswerFor, LeadAssignment } from '#protocol';
import { describeCommandError } from '#utils/command-errors';
import { changeMark, saveCard } from '#utils/contact-changes';
import { crm, newClientId, type CrmReply } from '#utils/crm-api';
import { db } from '#utils/db';
import { useLiveQuery } from '#utils/live-query';
import { useCardFeed } from './contact-feed';
import { useInboxStore } from './inbox';

/** A card as plain data: IndexedDB cannot store Vue's reactive proxies (the hub's JSON round-trips exactly). */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The contact card of the open conversation (FEATURES E1–E9). The cached card shows at once; the hub's
 * answer replaces it. Every load takes a token: an answer for a conversation the rep has since left
 * is dropped, so a slow hub can never show one customer's card beside another's chat. When the hub
 * says the record changed (issue 20: a purchase from the shop, an email…), the open card asks again.
 */
export const useContactStore = defineStore('contact', () => {
  const inbox = useInboxStore();

  const body = ref<CardAnswerBody | null>(null);
  /** The card on screen came from the local cache and the hub has not answered yet. */
  const fromCache = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const recommendations = ref<Omit<CrmAnswerFor<'recommendations'>, 'op'> | null>(null);
  /** The action running now (one at a time), for disabled buttons. */
  const busy = ref<string | null>(null);
  /** A sentence for the rep after an action (e.g. who got the lead). */
  const notice = ref<string | null>(null);

  let token = 0;
  const conversationId = computed(() => inbox.selectedId);
  const card = computed<ContactCard | null>(() => (body.value?.status === 'matched' ? body.value.card : null));
  const { feed, feedTypes, loadingFeed, loadFeed, setFeedTypes } = useCardFeed({
    contactId: () => card.value?.contact.id,
    token: () => token,
    onError: (message) => (error.value = message),
  });

  /** The change mark (utils/contact-changes.ts) the card on screen was asked for at. */
  let askedAt = 0;
  /** The open card's change mark, as the background worker sets it on a `contact.changed` event (issue 20). */
  const mark = useLiveQuery(
    () => (conversationId.value ? changeMark(db, conversationId.value) : Promise.resolve(0)),
    0,
    conversationId,
  );

  async function load(id: string | null = conversationId.value) {
    const mine = ++token;
    body.value = null;
    fromCache.value = false;
    recommendations.value = null;
    feed.value = { items: [], next: null };
    error.value = null;
    notice.value = null;
    if (!id) {
      loading.value = false;
      return;
    }
    loading.value = true;
    const cached = await db.cards.get(id);
    if (mine !== token) return;
    askedAt = cached?.changedBy ?? 0;
    if (cached) {
      body.value = cached.card;
      fromCache.value = true;
    }
    await ask(id, mine);
  }

  /** Asks the hub for the card and its recommendations; then once more if the record changed meanwhile. */
  async function ask(id: string, mine: number) {
    const [answer, recs] = await Promise.all([
      crm({ op: 'card', conversationId: id }),
      crm({ op: 'recommendations', conversationId: id }),
    ]);
    if (mine !== token) return;
    loading.value = false;
    if (recs.ok) {
      const { op: _op, ...rest } = recs.answer;
      recommendations.value = rest;
    }
    if (!answer.ok) {
      error.value = describeCommandError(answer);
      return;
    }
    body.value = answer.answer.result;
    fromCache.value = false;
    await saveCard(db, id, answer.answer.result);
    if (mine === token && card.value) await loadFeed();
    if (mine === token && mark.value > askedAt) refresh();
  }

  /** The record changed on the hub (a purchase, an email…): ask again, keeping the card on screen meanwhile. */
  function refresh() {
    const id = conversationId.value;
    if (!id || !card.value || loading.value || mark.value <= askedAt) return;
    askedAt = mark.value;
    void ask(id, token);
  }
  watch(mark, refresh);

  /** Keeps the card and its cache in step after a change the hub confirmed. */
  async function patchCard(change: (card: ContactCard) => ContactCard) {
    const id = conversationId.value;
    if (!card.value || !id) return;
    const next: CardAnswerBody = plain({ status: 'matched', card: change(card.value) });
    body.value = next;
    await saveCard(db, id, next);
  }

  /** Runs one action; a refusal becomes the store's error, the answer goes to `apply`. */
  async function act<O extends Parameters<typeof crm>[0]['op']>(
    name: string,
    send: () => Promise<CrmReply<O>>,
    apply: (answer: CrmAnswerFor<O>) => Promise<void> | void,
  ): Promise<boolean> {
    if (busy.value) return false;
    const mine = token;
    busy.value = name;
    error.value = null;
    notice.value = null;
    try {
      const result = await send();
      if (mine !== token) return false;
      if (!result.ok) {
        error.value = describeCommandError(result);
        return false;
      }
      await apply(result.answer);
      return true;
    } finally {
      busy.value = null;
    }
  }

  const contactId = () => card.value?.contact.id ?? '';

  const addTag = (tag: string) =>
    act(
      'tag',
      () => crm({ op: 'addTag', clientId: newClientId(), contactId: contactId(), tag }),
      (a) => patchCard((c) => ({ ...c, tags: a.tags })),
    );
  const removeTag = (tag: string) =>
    act(
      'tag',
      () => crm({ op: 'removeTag', clientId: newClientId(), contactId: contactId(), tag }),
      (a) => patchCard((c) => ({ ...c, tags: a.tags })),
    );
  const addNote = (text: string) =>
    act(
      'note',
      () => crm({ op: 'addNote', clientId: newClientId(), contactId: contactId(), text }),
      async (a) => {
        await patchCard((c) => ({ ...c, notes: [a.note, ...c.notes] }));
        await loadFeed();
      },
    );
  const addTask = (task: { title: string; assigneeId: string | null; dueDate: string | null }) =>
    act(
      'task',
      () => crm({ op: 'addTask', clientId: newClientId(), contactId: contactId(), ...task }),
      (a) => patchCard((c) => ({ ...c, tasks: [...c.tasks, a.task] })),
    );
  const setTaskDone = (taskId: string, done: boolean) =>
    act(
      'task',
      () => crm({ op: 'setTaskDone', clientId: newClientId(), taskId, done }),
      (a) => patchCard((c) => ({ ...c, tasks: c.tasks.map((t) => (t.id === a.task.id ? a.task : t)) })),
    );
  const setPhone = (phone: string | null) =>
    act(
      'phone',
      () => crm({ op: 'setPhone', clientId: newClientId(), contactId: contactId(), phone }),
      (a) =>
        patchCard((c) => ({
          ...c,
          contact: a.contact,
          fields: c.fields.map((f) => (f.key === 'phone' && !f.custom ? { ...f, value: a.contact.phone } : f)),
        })),
    );

  /** A custom field's value (FEATURES E4); the hub answers the record's fields in the layout's order. */
  const setField = (key: string, value: string | null) =>
    act(
      'field',
      () => crm({ op: 'setField', clientId: newClientId(), contactId: contactId(), key, value }),
      (a) => patchCard((c) => ({ ...c, fields: a.fields })),
    );

  /** Create lead (FEATURES E5); the answer names who got it, then the card is the new lead's. */
  const createLead = (
    lead: { name: string | null; phone: string | null; assign: LeadAssignment; note: string | null },
    told: (owner: string, pool: string | null) => string,
  ) =>
    act(
      'lead',
      () => crm({ op: 'createLead', clientId: newClientId(), conversationId: conversationId.value ?? '', ...lead }),
      async (a) => {
        const said = told(a.owner.name, a.pool?.name ?? null);
        await load();
        notice.value = said;
      },
    );

  /** Issue 14: after a check, the conversation joins the suggested record; the answer is its card. */
  const linkContact = (contactId: string) =>
    act(
      'link',
      () => crm({ op: 'linkContact', clientId: newClientId(), conversationId: conversationId.value ?? '', contactId }),
      async (a) => {
        const id = conversationId.value;
        body.value = a.result;
        if (id) await saveCard(db, id, plain(a.result));
        if (card.value) await loadFeed();
      },
    );

  /** Notify sales (FEATURES E6): a note on the record and a notification to its owner. */
  const notifySales = (text: string, told: (owner: string) => string) =>
    act(
      'sales',
      () =>
        crm({
          op: 'notifySales',
          clientId: newClientId(),
          contactId: contactId(),
          conversationId: conversationId.value,
          text,
        }),
      async (a) => {
        await patchCard((c) => ({ ...c, notes: [a.note, ...c.notes] }));
        notice.value = told(a.owner.name);
        await loadFeed();
      },
    );

  watch(conversationId, (id) => void load(id), { immediate: true });
  // Who may link a typed email's suggested record is the conversation's owner (issue 14): once this
  // rep takes the conversation, the card asks again so its Link button appears.
  const openOwner = computed(
    () => [...inbox.pending, ...inbox.active].find((c) => c.id === conversationId.value)?.ownerId ?? null,
  );
  watch(openOwner, () => {
    if (body.value?.status === 'anonymous' && body.value.suggestion) void load();
  });

  return {
    body,
    card,
    fromCache,
    loading,
    error,
    notice,
    busy,
    recommendations,
    feed,
    feedTypes,
    loadingFeed,
    load,
    addTag,
    removeTag,
    addNote,
    addTask,
    setTaskDone,
    setPhone,
    setField,
    createLead,
    linkContact,
    notifySales,
    loadFeed,
    setFeedTypes,
  };
});
