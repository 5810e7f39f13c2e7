import { ErrorBody, FileRefusal, type Message } from '#protocol';
import { readSession } from './settings';

/**
 * Files over the hub's REST API (FEATURES D3), straight from the side panel with the rep's token: an
 * upload is the file's raw bytes; a download comes back as a Blob (an <img> cannot send a token).
 * The hub decides everything; a refusal comes back with its code, shown in the rep's language.
 */
export type UploadResult =
  { ok: true; message: Message } | { ok: false; code: FileRefusal | 'other'; message: string; limit?: number };

export async function uploadFile(
  conversationId: string,
  file: File,
  fetchImpl: typeof fetch = fetch,
): Promise<UploadResult> {
  const session = await readSession();
  if (!session) return { ok: false, code: 'other', message: 'signed out' };
  const query = new URLSearchParams({ name: file.name, clientId: crypto.randomUUID() });
  let response: Response;
  try {
    response = await fetchImpl(
      new URL(`/api/conversations/${encodeURIComponent(conversationId)}/files?${query}`, session.hubUrl),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}` },
        body: file,
      },
    );
  } catch (error) {
    return { ok: false, code: 'other', message: String((error as Error)?.message ?? error) };
  }
  const body = await response.json().catch(() => null);
  if (response.ok) return { ok: true, message: body.message as Message };
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) return { ok: false, code: 'other', message: response.statusText };
  const code = FileRefusal.safeParse(parsed.data.error.code);
  return {
    ok: false,
    code: code.success ? code.data : 'other',
    message: parsed.data.error.message,
    limit: parsed.data.error.limit,
  };
}

/** The file's bytes, for a download or an inline image; null when the hub refuses (pending, rejected, gone). */
export async function fetchFile(fileId: string, fetchImpl: typeof fetch = fetch): Promise<Blob | null> {
  const session = await readSession();
  if (!session) return null;
  try {
    const response = await fetchImpl(new URL(`/api/files/${encodeURIComponent(fileId)}`, session.hubUrl), {
      headers: { authorization: `Bearer ${session.token}` },
    });
    return response.ok ? await response.blob() : null;
  } catch {
    return null;
  }
}

/** "12 KB", "3.4 MB": sizes as people read them. */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 2 ? 1 : 0,
  }).format(value);
}
