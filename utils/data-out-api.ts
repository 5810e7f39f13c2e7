import { ContactLookupResponse, ErasureResponse, RetentionResponse, type Erasure } from '#protocol';
import { hubCaller, refusalOf, type ApiResult } from './admin-api';

/**
 * The hub's personal-data endpoints for super users (FEATURES H6, docs/PRIVACY.md): find a record by
 * email, download everything held about it as a zip, erase it, and each chat's retention.
 */
export interface DataOutApi {
  lookup(email: string): Promise<ApiResult<ContactLookupResponse['contact']>>;
  /** The archive's bytes and the file name the hub gave it. */
  exportArchive(contactId: string): Promise<ApiResult<{ blob: Blob; fileName: string }>>;
  erase(contactId: string): Promise<ApiResult<Erasure>>;
  retention(): Promise<ApiResult<RetentionResponse['chats']>>;
  saveRetention(chatId: string, months: number | null): Promise<ApiResult<void>>;
}

export function createDataOutApi(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): DataOutApi {
  const call = hubCaller(hubUrl, token, fetchImpl);
  return {
    lookup: (email) =>
      call(
        'GET',
        `/api/admin/contacts?${new URLSearchParams({ email })}`,
        undefined,
        (json) => ContactLookupResponse.parse(json).contact,
      ),
    async exportArchive(contactId) {
      const url = new URL(`/api/admin/contacts/${encodeURIComponent(contactId)}/export`, hubUrl).toString();
      try {
        const response = await fetchImpl(url, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) return refusalOf(response);
        const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
        return {
          ok: true,
          value: { blob: await response.blob(), fileName: named ?? `parley-export-${contactId}.zip` },
        };
      } catch (error) {
        return { ok: false, status: 0, message: String((error as Error)?.message ?? error) };
      }
    },
    erase: (contactId) =>
      call(
        'DELETE',
        `/api/admin/contacts/${encodeURIComponent(contactId)}`,
        undefined,
        (json) => ErasureResponse.parse(json).erasure,
      ),
    retention: () => call('GET', '/api/admin/retention', undefined, (json) => RetentionResponse.parse(json).chats),
    saveRetention: (chatId, months) =>
      call('PUT', `/api/admin/chats/${encodeURIComponent(chatId)}/retention`, { months }),
  };
}
