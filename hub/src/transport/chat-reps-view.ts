import { CHAT_REPS_SHOWN, type ChatRepsFrame } from '#protocol';
import type { StoredEvent } from '../events/log';
import { allChatIds, repsWorkingIn, type ChatTeam } from '../inbox/chat-reps';
import type { Sql } from '../storage/db';

/**
 * Who works in each chat (FEATURES A2), read once per chat and shared by every rep socket of this
 * process. Only presence, work-chat and mode changes invalidate a chat and tell the sockets, so
 * a message costs nothing here and a status change costs one read per chat it touches.
 */
export interface ChatRepsView {
  /** The frame for one rep: their chats (or every chat, for a supervisor), each without the rep themselves. */
  frameFor(repId: string, chatIds: string[] | 'all'): Promise<ChatRepsFrame>;
  /** Feed listener: presence and work-chat events invalidate their chat. */
  onEvent(e: StoredEvent): void;
  /** Something not logged as an event changed who is shown (a working mode). */
  invalidateAll(): void;
  /** Called with the chats whose lists may have changed, batched per turn of the event loop. */
  subscribe(listener: (chatIds: ReadonlySet<string> | 'all') => void): () => void;
}

export function createChatRepsView(db: Sql): ChatRepsView {
  // A chat's entry is dropped when its event arrives; a read under way then is answered to those
  // who asked before, and they are told of the change right after, so they ask again.
  const cache = new Map<string, Promise<ChatTeam | undefined>>();
  const listeners = new Set<(chatIds: ReadonlySet<string> | 'all') => void>();
  let pending: Set<string> | 'all' | null = null;

  function invalidate(chatIds: string[] | 'all') {
    if (chatIds === 'all') cache.clear();
    else chatIds.forEach((id) => cache.delete(id));
    // One status change logs an event per chat of the rep: tell the sockets once, after all of them.
    if (pending === null) setImmediate(flush);
    if (chatIds === 'all' || pending === 'all') pending = 'all';
    else pending = new Set([...(pending ?? []), ...chatIds]);
  }
  function flush() {
    const changed = pending;
    pending = null;
    if (changed) for (const listener of listeners) listener(changed);
  }

  async function listsFor(chatIds: string[]): Promise<Map<string, ChatTeam | undefined>> {
    const missing = chatIds.filter((id) => !cache.has(id));
    if (missing.length > 0) {
      const read = repsWorkingIn(db, missing);
      for (const id of missing) {
        const one = read.then((byChat) => byChat.get(id));
        cache.set(id, one);
        // A failed read is not kept: the next asker reads again.
        one.catch(() => cache.get(id) === one && cache.delete(id));
      }
    }
    return new Map(await Promise.all(chatIds.map(async (id) => [id, await cache.get(id)!] as const)));
  }

  return {
    async frameFor(repId, scope) {
      const chatIds = scope === 'all' ? await allChatIds(db) : scope;
      const lists = await listsFor(chatIds);
      return {
        type: 'chatReps',
        chats: chatIds.flatMap((chatId) => {
          const team = lists.get(chatId);
          if (!team) return [];
          const others = team.reps.filter((r) => r.id !== repId);
          return [
            {
              chatId,
              name: team.name,
              reps: others.slice(0, CHAT_REPS_SHOWN),
              more: Math.max(0, others.length - CHAT_REPS_SHOWN),
            },
          ];
        }),
      };
    },
    onEvent(e) {
      if (e.event.kind === 'rep.status' || e.event.kind === 'rep.chats') invalidate([e.event.chatId]);
    },
    invalidateAll: () => invalidate('all'),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
