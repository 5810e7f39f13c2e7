import * as z from 'zod';
import { Id, Message, Timestamp } from './model';

/**
 * Tags, internal notes and the visitor's past conversations (FEATURES D7, D9, D10): their shapes and
 * limits. Notes are for reps only: the hub never routes them to a visitor's socket.
 */
export const ANNOTATION_LIMITS = {
  /** Characters in one tag. */
  tagChars: 32,
  /** Tags on one conversation. */
  tagsPerConversation: 12,
  /** Characters in one internal note. */
  noteChars: 2000,
  /** Past conversations of a visitor sent in one answer. */
  pastConversations: 20,
  /** Latest messages sent with each past conversation. */
  pastMessagesEach: 50,
} as const;

/** A tag: trimmed, inner whitespace collapsed, lower case (so "VIP" and "vip" are one tag), no control characters. */
export const Tag = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' ').toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'tag is empty')
      .max(ANNOTATION_LIMITS.tagChars, `tag is longer than ${ANNOTATION_LIMITS.tagChars} characters`)
      .refine((t) => !/\p{Cc}/u.test(t), 'tag contains a control character'),
  );

export const NoteText = z
  .string()
  .trim()
  .min(1, 'note is empty')
  .max(ANNOTATION_LIMITS.noteChars, `note is longer than ${ANNOTATION_LIMITS.noteChars} characters`)
  .refine((t) => !t.includes('\u0000'), 'note contains a NUL character');

/** An internal note in a conversation, written by a rep for reps. */
export const Note = z.object({
  id: Id,
  conversationId: Id,
  repId: Id.nullable(),
  authorName: z.string(),
  text: z.string(),
  createdAt: Timestamp,
});
export type Note = z.infer<typeof Note>;

/** One earlier conversation of the same visitor, with its latest messages (FEATURES D10). */
export const PastConversation = z.object({
  id: Id,
  chatName: z.string(),
  status: z.string(),
  ownerName: z.string().nullable(),
  /** The owner's account was deleted (FEATURES H1): shown as a former rep. */
  ownerFormer: z.boolean().optional(),
  queueName: z.string().nullable(),
  createdAt: Timestamp,
  lastMessageAt: Timestamp,
  tags: z.array(z.string()),
  messages: z.array(
    Message.pick({ id: true, author: true, authorName: true, text: true, pageUrl: true, createdAt: true }),
  ),
});
export type PastConversation = z.infer<typeof PastConversation>;
