import {
  LayoutsResponse,
  PoolResponse,
  PoolsResponse,
  type DistributionPool,
  type FieldLayout,
  type PoolInput,
  type PoolUpdate,
} from '#protocol';
import { hubCaller, type ApiResult } from './admin-api';

/** The hub's customer-store settings for super users (FEATURES E4, E5, H3): card field layouts and distribution pools. */
export interface CrmAdminApi {
  layouts(): Promise<ApiResult<FieldLayout[]>>;
  saveLayout(layout: FieldLayout): Promise<ApiResult<void>>;
  pools(): Promise<ApiResult<PoolsResponse>>;
  createPool(input: PoolInput): Promise<ApiResult<DistributionPool>>;
  updatePool(id: string, update: PoolUpdate): Promise<ApiResult<DistributionPool>>;
  deletePool(id: string): Promise<ApiResult<void>>;
}

export function createCrmAdminApi(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): CrmAdminApi {
  const call = hubCaller(hubUrl, token, fetchImpl);
  const pool = (json: unknown) => PoolResponse.parse(json).pool;
  const poolPath = (id: string) => `/api/admin/crm/pools/${encodeURIComponent(id)}`;
  return {
    layouts: () => call('GET', '/api/admin/crm/layouts', undefined, (json) => LayoutsResponse.parse(json).layouts),
    saveLayout: (layout) => call('PUT', `/api/admin/crm/layouts/${layout.entity}`, layout),
    pools: () => call('GET', '/api/admin/crm/pools', undefined, (json) => PoolsResponse.parse(json)),
    createPool: (input) => call('POST', '/api/admin/crm/pools', input, pool),
    updatePool: (id, update) => call('PUT', poolPath(id), update, pool),
    deletePool: (id) => call('DELETE', poolPath(id)),
  };
}
