import { ApiKeyMade, ApiKeysResponse, ApiKeyView, type NewApiKey, type ShopPlatform } from '#protocol';
import * as z from 'zod';
import { hubCaller, type ApiResult } from './admin-api';

/**
 * The console's data API endpoints (issue 20; FEATURES E2): API keys (list, make — the secret comes
 * back this once —, revoke, delete a revoked one) and a chat's shop-webhook secrets (set, drop).
 */
export interface ApiKeysApi {
  loadKeys(): Promise<ApiResult<ApiKeysResponse>>;
  createKey(body: NewApiKey): Promise<ApiResult<ApiKeyMade>>;
  revokeKey(id: string): Promise<ApiResult<ApiKeyView>>;
  deleteKey(id: string): Promise<ApiResult<void>>;
  setShopSecret(chatId: string, platform: ShopPlatform, secret: string): Promise<ApiResult<void>>;
  dropShopSecret(chatId: string, platform: ShopPlatform): Promise<ApiResult<void>>;
}

export function createApiKeysApi(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): ApiKeysApi {
  const call = hubCaller(hubUrl, token, fetchImpl);
  const key = (id: string) => `/api/admin/api-keys/${encodeURIComponent(id)}`;
  const shop = (chatId: string, platform: ShopPlatform) =>
    `/api/admin/chats/${encodeURIComponent(chatId)}/shop-webhooks/${platform}`;
  return {
    loadKeys: () => call('GET', '/api/admin/api-keys', undefined, (json) => ApiKeysResponse.parse(json)),
    createKey: (body) => call('POST', '/api/admin/api-keys', body, (json) => ApiKeyMade.parse(json)),
    revokeKey: (id) =>
      call('POST', `${key(id)}/revoke`, undefined, (json) => z.object({ key: ApiKeyView }).parse(json).key),
    deleteKey: (id) => call('DELETE', key(id)),
    setShopSecret: (chatId, platform, secret) => call('PUT', shop(chatId, platform), { secret }),
    dropShopSecret: (chatId, platform) => call('DELETE', shop(chatId, platform)),
  };
}
