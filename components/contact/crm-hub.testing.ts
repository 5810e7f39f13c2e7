import { vi } from 'vitest';
import type { CrmRequest } from '#protocol';
import type { CrmResult } from '#utils/messaging';

/**
 * A scripted worker for the contact card's component tests: each crm request is answered by
 * `hub.answer`, which a test may hold back (a promise it resolves later) to play a slow hub. A test
 * file routes `#utils/messaging` here with
 * `vi.mock('#utils/messaging', async () => (await import('./crm-hub.testing')).messagingMock)`.
 * It imports no component, so the mock can load while the component under test is loading.
 */
export const hub = {
  sent: [] as CrmRequest[],
  answer: (_request: CrmRequest): Promise<CrmResult> | CrmResult => ({ ok: false, code: 'internal', message: 'unset' }),
};

export const messagingMock = {
  sendMessage: vi.fn(async (name: string, data: unknown) => {
    if (name !== 'crm') return { ok: true };
    hub.sent.push(data as CrmRequest);
    return hub.answer(data as CrmRequest);
  }),
};
