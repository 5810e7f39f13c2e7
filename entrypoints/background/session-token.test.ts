import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readSession } from '#utils/settings';
import { REP } from './fake-hub.testing';
import { hub, hubHttp, newClient, waitForState } from './rep-client.harness.testing';

/**
 * Where the worker keeps the rep's token (issue 14, FEATURES I4): not in storage.local, which every
 * content script (and so any page it runs in) can read, but in the extension's own IndexedDB.
 */

async function everythingInStorageLocal(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

describe('the session token', () => {
  it('is kept out of storage.local after a sign-in, where content scripts could read it', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ token: 'good-token', rep: REP }));
    const client = newClient(fetchImpl as unknown as typeof fetch);
    expect(await client.signIn({ hubUrl: hubHttp(), email: REP.email, password: 'parley-demo' })).toMatchObject({
      ok: true,
    });
    await waitForState('online');
    expect(await readSession()).toMatchObject({ token: 'good-token' });
    const local = await everythingInStorageLocal();
    expect(local).toContain(REP.email); // the profile is there, so the check looks at the right place
    expect(local).not.toContain('good-token');
    expect(local.toLowerCase()).not.toContain('token');
  });

  it('moves a token stored before the upgrade out of storage.local, and the rep stays signed in', async () => {
    await fakeBrowser.storage.local.set({ hubUrl: hubHttp(), sessionToken: 'good-token', repProfile: REP });
    const client = newClient();
    await client.ensureConnected();
    await waitForState('online');
    expect(hub.received.find((frame) => frame.type === 'hello')).toMatchObject({ token: 'good-token' });
    expect(await everythingInStorageLocal()).not.toContain('good-token');
    expect(await readSession()).toMatchObject({ hubUrl: hubHttp(), token: 'good-token' });
  });
});
