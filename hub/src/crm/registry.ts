import { builtinConnector } from './builtin';
import type { CrmConnector } from './connector';

/**
 * The connector the hub talks to (FEATURES E13). The built-in store unless one is installed at start-up;
 * everything in the hub reaches the store through `crmConnector()`, never a table directly.
 */
let current: CrmConnector = builtinConnector;

export const crmConnector = (): CrmConnector => current;

/** Installs another connector (an external CRM); returns the previous one. */
export function useCrmConnector(connector: CrmConnector): CrmConnector {
  const before = current;
  current = connector;
  return before;
}
