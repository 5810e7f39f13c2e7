import { describeApiFailure } from '#utils/command-errors';
import { createDataOutApi, type DataOutApi } from '#utils/data-out-api';
import { t } from '#utils/i18n';
import { hubUrlItem } from '#utils/settings';
import { tokenItem } from '#utils/session-token';

/** The personal-data endpoints (FEATURES H6) with the signed-in super user's token; null when signed out. */
export async function dataOutApi(): Promise<DataOutApi | null> {
  const [hubUrl, token] = await Promise.all([hubUrlItem.getValue(), tokenItem.getValue()]);
  return token ? createDataOutApi(hubUrl, token) : null;
}

/** A refusal in words; the hub's 403 (the role changed since sign-in) says who may use these screens. */
export const dataOutFailure = (failure: { status: number; message: string }): string =>
  failure.status === 403 ? t('onlySuperUsersPersonalData') : describeApiFailure(failure);
