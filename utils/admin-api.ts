import {
  AdminChatsResponse,
  BotConfigResponse,
  ErrorBody,
  PoolsResponse,
  type BotConfig,
  type ChatSettings,
  type QueueSettings,
} from '#protocol';

/**
 * The hub's super-user settings endpoints (FEATURES H2). The hub checks the role and validates every
 * body; a refusal comes back with its status and the hub's own message, shown to the super user.
 */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export interface AdminApi {
  loadChats(): Promise<ApiResult<AdminChatsResponse>>;
  saveChat(id: string, settings: ChatSettings): Promise<ApiResult<void>>;
  saveQueue(id: string, settings: QueueSettings): Promise<ApiResult<void>>;
  /** The routing bot of one chat (FEATURES F, H3). */
  loadBot(chatId: string): Promise<ApiResult<BotConfig>>;
  saveBot(chatId: string, config: BotConfig): Promise<ApiResult<void>>;
  /** Distribution pools and the reps who may own leads: where the bot's leads may go (FEATURES E5). */
  loadPools(): Promise<ApiResult<PoolsResponse>>;
}

/** A refusal's status and the hub's own message (its error body), or the status text without one. */
export async function refusalOf(response: Response): Promise<{ ok: false; status: number; message: string }> {
  const error = ErrorBody.safeParse(await response.json().catch(() => null));
  return {
    ok: false,
    status: response.status,
    message: error.success ? error.data.error.message : response.statusText,
  };
}

/** One authorised call to the hub's REST API: the answer parsed, or the hub's refusal in words. */
export function hubCaller(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch) {
  return async function call<T>(
    method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    parse?: (json: unknown) => T,
  ): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, hubUrl).toString(), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      return { ok: false, status: 0, message: String((error as Error)?.message ?? error) };
    }
    if (!response.ok) return refusalOf(response);
    if (!parse) return { ok: true, value: undefined as T };
    const json = await response.json().catch(() => null);
    try {
      return { ok: true, value: parse(json) };
    } catch {
      return { ok: false, status: response.status, message: 'the hub answered with an unexpected body' };
    }
  };
}

export function createAdminApi(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): AdminApi {
  const call = hubCaller(hubUrl, token, fetchImpl);
  return {
    loadChats: () => call('GET', '/api/admin/chats', undefined, (json) => AdminChatsResponse.parse(json)),
    saveChat: (id, settings) => call('PUT', `/api/admin/chats/${encodeURIComponent(id)}`, settings),
    saveQueue: (id, settings) => call('PUT', `/api/admin/queues/${encodeURIComponent(id)}`, settings),
    loadBot: (chatId) =>
      call(
        'GET',
        `/api/admin/chats/${encodeURIComponent(chatId)}/bot`,
        undefined,
        (json) => BotConfigResponse.parse(json).config,
      ),
    saveBot: (chatId, config) => call('PUT', `/api/admin/chats/${encodeURIComponent(chatId)}/bot`, config),
    loadPools: () => call('GET', '/api/admin/crm/pools', undefined, (json) => PoolsResponse.parse(json)),
  };
}
