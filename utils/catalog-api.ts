import * as z from 'zod';
import { CatalogProduct, CatalogResponse, type CatalogEdit } from '#protocol';
import { hubCaller, type ApiResult } from './admin-api';

/** The console's catalog endpoints (issue 20; FEATURES E10): find products by name or SKU, save one's fields and hidden flag. */
export interface CatalogApi {
  search(q: string, hiddenOnly: boolean): Promise<ApiResult<CatalogResponse>>;
  save(id: string, edit: CatalogEdit): Promise<ApiResult<CatalogProduct>>;
}

export function createCatalogApi(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): CatalogApi {
  const call = hubCaller(hubUrl, token, fetchImpl);
  return {
    search: (q, hiddenOnly) =>
      call(
        'GET',
        `/api/admin/catalog?${new URLSearchParams({ q, hidden: hiddenOnly ? 'only' : 'any' })}`,
        undefined,
        (json) => CatalogResponse.parse(json),
      ),
    save: (id, edit) =>
      call(
        'PUT',
        `/api/admin/catalog/${encodeURIComponent(id)}`,
        edit,
        (json) => z.object({ product: CatalogProduct }).parse(json).product,
      ),
  };
}
