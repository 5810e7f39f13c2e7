import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { removeAllListeners } from '#utils/messaging';
import { commandHandlers, registerCommands } from './commands';
import type { IdlePresence } from './idle';
import type { RepClient } from './rep-client';

/**
 * Issue 14: the worker's typed commands (sign out, send, delete, crm, …) are for Parley's own pages.
 * A content script runs inside a web page, so a compromised or hostile page could reach them through
 * it; from a tab, only the page icon's own messages (page-icon.ts, page-records.ts) are served.
 */
beforeEach(() => {
  fakeBrowser.reset();
  removeAllListeners();
});

function serve() {
  const client = {
    signOut: vi.fn(async () => ({ ok: true })),
    delete: vi.fn(async () => ({ ok: true })),
  } as unknown as RepClient;
  registerCommands(
    commandHandlers(client, {} as IdlePresence, { test: vi.fn() }, { enableOnTab: vi.fn(async () => {}) }),
  );
  return client;
}

/** Delivers a typed command as the messaging library frames it, from `sender`; resolves with the worker's answer. */
async function deliver(
  type: string,
  data: unknown,
  sender: object,
): Promise<{ res?: unknown; err?: { message: string } }> {
  let answer: unknown;
  const sendResponse = (response: unknown) => (answer = response);
  // The browser passes a listener `sendResponse` as its third argument; the fake's types know only two.
  const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
  await Promise.all(await trigger({ id: 1, type, data, timestamp: Date.now() }, sender, sendResponse));
  await vi.waitFor(() => expect(answer).toBeDefined());
  return answer as { res?: unknown; err?: { message: string } };
}

const ext = (path: string) => fakeBrowser.runtime.getURL(path as never);

describe('who may send the worker commands', () => {
  it('serves the side panel, the popup and the options page, even when the options page is open in a tab', async () => {
    const client = serve();
    expect(await deliver('signOut', undefined, { id: fakeBrowser.runtime.id, url: ext('/sidepanel.html') })).toEqual({
      res: { ok: true },
    });
    expect(await deliver('signOut', undefined, { id: fakeBrowser.runtime.id, url: ext('/popup.html') })).toEqual({
      res: { ok: true },
    });
    const optionsTab = { id: fakeBrowser.runtime.id, url: ext('/options.html'), tab: { id: 4, windowId: 1 } };
    expect(await deliver('delete', { conversationId: 'c1' }, optionsTab)).toEqual({ res: { ok: true } });
    expect(client.signOut).toHaveBeenCalledTimes(2);
    expect(client.delete).toHaveBeenCalledWith('c1');
  });

  it("refuses every command from a web page's content script and does not act on it", async () => {
    const client = serve();
    const contentScript = {
      id: fakeBrowser.runtime.id,
      url: 'https://crm.example/contacts/1',
      tab: { id: 7, windowId: 3 },
    };
    const answer = await deliver('delete', { conversationId: 'c1' }, contentScript);
    expect(answer.err?.message).toMatch(/refused.*delete.*web page/i);
    expect((await deliver('signOut', undefined, contentScript)).err?.message).toMatch(/refused/i);
    // A tab whose address merely looks like the extension's, or a sender that is another extension.
    const lookalike = { id: fakeBrowser.runtime.id, url: 'https://evil.example/chrome-extension://x', tab: { id: 8 } };
    expect((await deliver('signOut', undefined, lookalike)).err?.message).toMatch(/refused/i);
    expect(
      (await deliver('signOut', undefined, { id: 'another-extension', url: ext('/popup.html') })).err?.message,
    ).toMatch(/refused/i);
    expect(client.delete).not.toHaveBeenCalled();
    expect(client.signOut).not.toHaveBeenCalled();
  });
});
