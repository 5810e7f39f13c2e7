import * as z from 'zod';
import { LIMITS } from './limits';
import { Id } from './model';
import { NO_CONTROL_CHARS } from './people';

/**
 * Websites (chats) and queues made and removed by super users (FEATURES H2): `POST /api/admin/chats`,
 * `DELETE /api/admin/chats/:id`, `POST /api/admin/queues`, `DELETE /api/admin/queues/:id`. A chat's
 * settings and a queue's routing are changed with the PUTs in rest.ts.
 */

export const WEBSITE_LIMITS = {
  /** Chats on one hub; creating one more is refused. */
  chats: 200,
  /** Queues in one chat. */
  queuesPerChat: 50,
  /** Random bytes in a new chat's widget key (base64url, so 16 characters). */
  widgetKeyBytes: 12,
} as const;

const Name = z
  .string()
  .trim()
  .min(1, 'name is empty')
  .max(LIMITS.nameChars, `name is longer than ${LIMITS.nameChars} characters`)
  .regex(NO_CONTROL_CHARS, 'name contains control characters');

export const NewChat = z.object({ name: Name });
export type NewChat = z.infer<typeof NewChat>;

export const NewChatResponse = z.object({ id: Id, key: z.string() });
export type NewChatResponse = z.infer<typeof NewChatResponse>;

export const NewQueue = z.object({ chatId: Id, name: Name });
export type NewQueue = z.infer<typeof NewQueue>;

export const NewQueueResponse = z.object({ id: Id });

/**
 * A delete's answer to "where do the waiting conversations go": a queue (of the same chat when a
 * queue is deleted, of another chat when a chat is). Required when any conversation waits; null or
 * left out otherwise.
 */
export const DeleteWithMove = z.object({ moveToQueueId: Id.nullable().optional() });
export type DeleteWithMove = z.infer<typeof DeleteWithMove>;

/** Counts the console shows before a delete, so it can ask where waiting conversations go. */
export const ChatCounts = z.object({ waiting: z.number().int(), active: z.number().int(), closed: z.number().int() });

/** The snippet a site pastes: the hub's widget loader with the chat's key. */
export const widgetSnippet = (hubUrl: string, key: string) =>
  `<script src="${new URL('/widget.js', hubUrl).toString()}" data-chat="${key}" async></script>`;
