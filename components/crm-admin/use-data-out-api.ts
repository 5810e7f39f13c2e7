import { createDataOutApi, type DataOutApi } from '#utils/data-out-api';
import { hubUrlItem } from '#utils/settings';
import { tokenItem } from '#utils/session-token';

/** The personal-data endpoints (FEATURES H6) with the signed-in super user's token; null when signed out. */
export async function dataOutApi(): Promise<DataOutApi | null> {
  const [hubUrl, token] = await Promise.all([hubUrlItem.getValue(), tokenItem.getValue()]);
  return token ? createDataOutApi(hubUrl, token) : null;
}
