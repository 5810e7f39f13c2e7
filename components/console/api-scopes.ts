import type { ApiScope } from '#protocol';
import type { MessageKey } from '#utils/i18n';

/** What each API key scope is called on the console (issue 20). */
export const SCOPE_LABELS: Record<ApiScope, MessageKey> = {
  products: 'apiScopeProducts',
  contacts: 'apiScopeContacts',
  orders: 'apiScopeOrders',
  emails: 'apiScopeEmails',
  events: 'apiScopeEvents',
};
