import { shallowRef } from 'vue';
import { createConsoleApi, type ConsoleApi } from '#utils/console-api';
import type { ApiResult } from '#utils/admin-api';
import { describeApiFailure } from '#utils/command-errors';
import { hubUrlItem } from '#utils/settings';
import { tokenItem } from '#utils/session-token';

/**
 * A console screen's link to the hub (FEATURES H1, H2): the API with the signed-in session's token,
 * and `run`, which turns a refusal into the sentence the screen shows (null when it went through).
 */
export const useConsoleApi = () => useHubApi<ConsoleApi>(createConsoleApi);

/** The same for another group of endpoints: `make` builds its client from the hub's address and the token. */
export function useHubApi<Api>(make: (hubUrl: string, token: string) => Api) {
  const api = shallowRef<Api | null>(null);

  async function connect(): Promise<Api | null> {
    const [hubUrl, token] = await Promise.all([hubUrlItem.getValue(), tokenItem.getValue()]);
    api.value = token ? make(hubUrl, token) : null;
    return api.value;
  }

  async function run<T>(
    call: (api: Api) => Promise<ApiResult<T>>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
    const ready = api.value ?? (await connect());
    if (!ready) return { ok: false, error: describeApiFailure({ status: 401, message: '' }) };
    const result = await call(ready);
    return result.ok ? result : { ok: false, error: describeApiFailure(result) };
  }

  return { api, connect, run };
}
