import { TemplateResponse, TemplatesResponse, type Template, type TemplateInput } from '#protocol';
import { hubCaller, type ApiResult } from './admin-api';

/** The hub's template endpoints (FEATURES H3), for super users on the options page; the hub checks the role. */
export interface TemplatesApi {
  list(): Promise<ApiResult<Template[]>>;
  create(input: TemplateInput): Promise<ApiResult<Template>>;
  update(id: string, input: TemplateInput): Promise<ApiResult<Template>>;
  remove(id: string): Promise<ApiResult<void>>;
}

export function createTemplatesApi(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): TemplatesApi {
  const call = hubCaller(hubUrl, token, fetchImpl);
  const one = (json: unknown) => TemplateResponse.parse(json).template;
  return {
    list: () => call('GET', '/api/admin/templates', undefined, (json) => TemplatesResponse.parse(json).templates),
    create: (input) => call('POST', '/api/admin/templates', input, one),
    update: (id, input) => call('PUT', `/api/admin/templates/${encodeURIComponent(id)}`, input, one),
    remove: (id) => call('DELETE', `/api/admin/templates/${encodeURIComponent(id)}`),
  };
}
