import * as z from 'zod';

/**
 * Files in a conversation (FEATURES D3, D4): what may be sent, how large, and how a file rides on a
 * message. The hub decides the real type from the bytes; names and declared types count for nothing.
 */

export {
  FILE_LIMITS,
  ALLOWED_FILE_TYPES,
  ACCEPT_ATTRIBUTE,
  isInlineImage,
  VISITOR_HEADER,
  type AllowedFileType,
  CHANNEL_AUDIO_TYPES,
  CHANNEL_FILE_TYPES,
  isAudio,
  type FileType,
} from './file-types';

/** A visitor's file waits for the rep (`pending`); a rep's is `accepted` at once. Rejected files are never served. */
export const FileStatus = z.enum(['pending', 'accepted', 'rejected']);
export type FileStatus = z.infer<typeof FileStatus>;

export const Attachment = z.object({
  id: z.string().min(1).max(64),
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  status: FileStatus,
});
export type Attachment = z.infer<typeof Attachment>;

/** Why an upload was refused; the REST error body carries one of these as its code. */
export const FileRefusal = z.enum([
  'file_empty',
  'file_too_large', // `limit` says the chat's limit in bytes
  'file_type_not_allowed', // the bytes are not a type on the list (e.g. an executable named .pdf)
  'file_type_mismatch', // an allowed type under another type's name (e.g. a PNG named .pdf)
  'file_name_invalid',
]);
export type FileRefusal = z.infer<typeof FileRefusal>;

/** The HTTP status of each refusal. */
export const FILE_REFUSAL_STATUS: Record<FileRefusal, number> = {
  file_empty: 400,
  file_name_invalid: 400,
  file_too_large: 413,
  file_type_not_allowed: 415,
  file_type_mismatch: 415,
};

/** Query of an upload (`POST /api/conversations/:id/files`, `POST /api/visitor/files`); the body is the raw bytes. */
export const UploadQuery = z.object({
  name: z.string().min(1).max(1000),
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

/** A rep's verdict on a visitor's file. */
export const ReviewDecision = z.enum(['accept', 'reject']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** A visitor's upload also says which chat it is for and the page they are on, as a message does. */
export const VisitorUploadQuery = UploadQuery.extend({
  chat: z.string().min(1).max(64),
  pageUrl: z.string().max(2048).url(),
});
