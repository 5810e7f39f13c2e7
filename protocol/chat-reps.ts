import * as z from 'zod';
import { Id } from './model';

/**
 * FEATURES A2: which colleagues are working in each chat a rep may choose — so they can see where help
 * is needed. Shown: reps in one of the chat's queues who work in it now and are online or away.
 * Invisible and offline reps, and supervisors in observer mode, are never listed (FEATURES A3, A4).
 */

/** Most colleagues listed per chat; the rest are counted in `more`. */
export const CHAT_REPS_SHOWN = 50;

/** The availabilities others may see; invisible is deliberately not one of them. */
export const ShownAvailability = z.enum(['online', 'away']);
export type ShownAvailability = z.infer<typeof ShownAvailability>;

export const ChatRep = z.object({ id: Id, name: z.string(), status: ShownAvailability });
export type ChatRep = z.infer<typeof ChatRep>;

export const ChatReps = z.object({
  chatId: Id,
  /** The chat's name: a supervisor may be shown chats they are in no queue of, so know no name for. */
  name: z.string(),
  reps: z.array(ChatRep).max(CHAT_REPS_SHOWN),
  /** Colleagues working in the chat beyond the ones listed. */
  more: z.number().int().nonnegative(),
});
export type ChatReps = z.infer<typeof ChatReps>;

/**
 * hub → rep: for each chat the rep may work in — every chat, for supervisors and super users — the
 * colleagues working in it (never the rep themselves). After `welcome`, then again whenever presence, a work-chat choice or a mode changes
 * what it says — not on messages.
 */
export const ChatRepsFrame = z.object({ type: z.literal('chatReps'), chats: z.array(ChatReps) });
export type ChatRepsFrame = z.infer<typeof ChatRepsFrame>;
