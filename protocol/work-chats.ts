import * as z from 'zod';
import { Id } from './model';

/**
 * FEATURES A2: which chats (websites) a rep works in — every chat they are a queue member of ('all'), or
 * only some. The hub offers a rep conversations only from the chats they work in; the choice is kept
 * per rep, so it holds on every device and across restarts.
 */

/** Most chats one choice may list. */
export const WORK_CHATS_MAX = 200;

export const WorkingChats = z.union([
  z.literal('all'),
  z
    .array(Id)
    .min(1, 'choose at least one chat, or all')
    .max(WORK_CHATS_MAX, `at most ${WORK_CHATS_MAX} chats`)
    .refine((ids) => new Set(ids).size === ids.length, 'a chat is listed twice'),
]);
export type WorkingChats = z.infer<typeof WorkingChats>;

/** A chat the rep may work in, as the popup lists it. */
export const WorkChat = z.object({ id: Id, name: z.string() });
export type WorkChat = z.infer<typeof WorkChat>;

/** hub → rep: the chats they may work in and their current choice; after `welcome` and after every change, on every device. */
export const WorkChatsFrame = z.object({
  type: z.literal('workChats'),
  chats: z.array(WorkChat),
  working: WorkingChats,
});
export type WorkChatsFrame = z.infer<typeof WorkChatsFrame>;

/** Is this chat one the rep works in now? */
export const worksIn = (working: WorkingChats, chatId: string) => working === 'all' || working.includes(chatId);
