import { VISITOR_HEADER } from '#protocol/file-types';
import type { VisitorMessage } from '#protocol/visitor';
import type { MessageKey } from './locales';

/**
 * The visitor's files over the hub's REST API (FEATURES D3, D4). The body of an upload is the file's raw
 * bytes; the visitor's credential (minted by the hub) goes in a header, as it goes in `hello`. The hub sniffs, limits and decides; a
 * refusal comes back with its code and is shown in the visitor's language.
 */
export type UploadOutcome = { ok: true; message: VisitorMessage } | { ok: false; reason: MessageKey };

const REASONS: Record<string, MessageKey> = {
  file_empty: 'fileEmpty',
  file_too_large: 'fileTooLarge',
  file_type_not_allowed: 'fileType',
  file_type_mismatch: 'fileMismatch',
};

export interface FileApi {
  upload(file: Blob & { name: string }, clientId: string, pageUrl: string): Promise<UploadOutcome>;
  /** The bytes of an accepted file; null when the hub refuses (still pending, rejected, not ours). */
  fetch(fileId: string): Promise<Blob | null>;
}

export function fileApi(
  hubOrigin: string,
  chatKey: string,
  token: () => string | null,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): FileApi {
  const headers = (): Record<string, string> => {
    const t = token();
    return t ? { [VISITOR_HEADER]: t } : {};
  };
  return {
    async upload(file, clientId, pageUrl) {
      const query = new URLSearchParams({ name: file.name, clientId, chat: chatKey, pageUrl });
      try {
        const res = await fetchImpl(`${hubOrigin}/api/visitor/files?${query}`, {
          method: 'POST',
          headers: headers(),
          body: file,
        });
        const body = await res.json().catch(() => null);
        if (res.ok && body?.message) return { ok: true, message: body.message as VisitorMessage };
        return { ok: false, reason: REASONS[body?.error?.code] ?? 'fileFailed' };
      } catch {
        return { ok: false, reason: 'fileFailed' };
      }
    },
    async fetch(fileId) {
      try {
        const res = await fetchImpl(`${hubOrigin}/api/files/${encodeURIComponent(fileId)}`, { headers: headers() });
        return res.ok ? await res.blob() : null;
      } catch {
        return null;
      }
    },
  };
}

/** "1.5 MB" — for the size limit in a refusal. */
export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
