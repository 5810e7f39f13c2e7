import type { Role } from '#protocol';
import { t } from '#utils/i18n';

/** A role as the console names it, in the reader's language. */
export const roleLabel = (role: Role) =>
  t(role === 'admin' ? 'roleAdmin' : role === 'observer' ? 'roleObserver' : 'roleRep');
