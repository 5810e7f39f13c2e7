import { ref, shallowRef } from 'vue';
import type { ApiResult } from '#utils/admin-api';
import { describeApiFailure } from '#utils/command-errors';
import { createCrmAdminApi, type CrmAdminApi } from '#utils/crm-admin-api';
import { t } from '#utils/i18n';
import { hubUrlItem } from '#utils/settings';
import { tokenItem } from '#utils/session-token';

/**
 * Loads one customer-store settings screen from the hub with the signed-in super user's token. A
 * refusal shows in words; the hub's 403 (the role changed since sign-in) says who may use the screen.
 */
export function useCrmAdminLoad<T>(read: (api: CrmAdminApi) => Promise<ApiResult<T>>) {
  const api = shallowRef<CrmAdminApi | null>(null);
  const data = shallowRef<T | null>(null);
  const error = ref<string | null>(null);

  async function load() {
    error.value = null;
    const [hubUrl, token] = await Promise.all([hubUrlItem.getValue(), tokenItem.getValue()]);
    if (!token) return;
    api.value = createCrmAdminApi(hubUrl, token);
    const result = await read(api.value);
    if (result.ok) data.value = result.value;
    else error.value = crmAdminFailure(result);
  }

  return { api, data, error, load };
}

export const crmAdminFailure = (failure: { status: number; message: string }): string =>
  failure.status === 403 ? t('onlySuperUsersCrm') : describeApiFailure(failure);
