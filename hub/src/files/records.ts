import { FILE_LIMITS, type Attachment, type FileStatus } from '#protocol';
import type { Sql } from '../storage/db';

/** A file's row (FEATURES D3, D4): who sent it, what it really is, and whether it may be served. */

export interface NewFile {
  id: string;
  uploader: 'visitor' | 'rep';
  name: string;
  mime: string;
  size: number;
  sha256: string;
  status: FileStatus;
}

export type FileRow = NewFile & { conversation_id: string; message_id: string | null };

export const attachmentOf = (f: Pick<NewFile, 'id' | 'name' | 'mime' | 'size' | 'status'>): Attachment => ({
  id: f.id,
  name: f.name,
  mime: f.mime,
  size: f.size,
  status: f.status,
});

/** Stored in the same transaction as the message that carries it. */
export async function insertFile(tx: Sql, conversationId: string, messageId: string, f: NewFile): Promise<void> {
  await tx.query(
    `insert into files (id, conversation_id, message_id, uploader, name, mime, size, sha256, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [f.id, conversationId, messageId, f.uploader, f.name, f.mime, f.size, f.sha256, f.status],
  );
}

export interface ChatFileSettings {
  fileMaxBytes: number;
  sneakPeek: boolean;
  /** Page addresses keep their query string and fragment (issue 14); off: origin and path only. */
  trackQuery: boolean;
}

/** The chat's file limit (null in the row: the named default), sneak-peek switch and page-address setting: what its widget is told in `features`. */
export async function chatFileSettings(db: Sql, chatId: string): Promise<ChatFileSettings> {
  const [row] = await db.query<{ file_max_bytes: number | null; sneak_peek: boolean; track_query: boolean }>(
    'select file_max_bytes, sneak_peek, track_query from chats where id = $1',
    [chatId],
  );
  return {
    fileMaxBytes: row?.file_max_bytes ?? FILE_LIMITS.defaultChatFileBytes,
    sneakPeek: row?.sneak_peek ?? true,
    trackQuery: row?.track_query ?? false,
  };
}
