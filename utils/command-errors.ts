import type { CommandResult } from './messaging';
import { t } from './i18n';

/** Turns a refused or failed command into a sentence for the rep, in their language. */
export function describeCommandError(result: Extract<CommandResult, { ok: false }>): string {
  switch (result.code) {
    case 'offline':
      return t('errOffline');
    case 'timeout':
      return t('errTimeout');
    case 'conflict':
      return t('errConflict');
    case 'forbidden':
      return t('errForbidden');
    default:
      return t('errOther', result.message);
  }
}

/** A refused or failed settings request (FEATURES H2), in the super user's language. */
export function describeApiFailure(failure: { status: number; message: string }): string {
  if (failure.status === 0) return t('errOffline');
  if (failure.status === 401) return t('errSessionExpired');
  if (failure.status === 403) return t('onlySuperUsers');
  return t('errOther', failure.message);
}
