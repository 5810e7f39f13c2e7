import { describe, expect, it, vi } from 'vitest';
import { createAdminApi } from './admin-api';
import { describeApiFailure } from './command-errors';

const SETTINGS = { name: 'Demo shop', hours: null };

describe('admin api', () => {
  it('sends the bearer token and the body, and reads a 204 as saved', async () => {
    const fetchImpl = vi.fn(async () => new Response(null, { status: 204 }));
    const api = createAdminApi('http://hub.test:8787', 'tok', fetchImpl as unknown as typeof fetch);
    expect(await api.saveChat('ch 1', SETTINGS)).toEqual({ ok: true, value: undefined });
    expect(fetchImpl).toHaveBeenCalledWith('http://hub.test:8787/api/admin/chats/ch%201', {
      method: 'PUT',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: JSON.stringify(SETTINGS),
    });
  });

  it("passes the hub's validation message on, and explains a 403", async () => {
    // The hub's REST codes (ErrorBody): a body with any other code is not the hub's answer.
    const refuse = (status: number, message: string) =>
      vi.fn(async () =>
        Response.json({ error: { code: status === 403 ? 'forbidden' : 'bad_request', message } }, { status }),
      );
    let api = createAdminApi('http://hub.test', 'tok', refuse(400, 'ringSize: too big') as unknown as typeof fetch);
    const bad = await api.saveQueue('q1', {
      name: 'Q',
      strategy: 'ring',
      ringSize: 2,
      offerTimeoutSeconds: 30,
      defaultCapacity: 3,
      members: [],
    });
    expect(bad).toEqual({ ok: false, status: 400, message: 'ringSize: too big' });
    expect(!bad.ok && describeApiFailure(bad)).toBe('The hub refused: ringSize: too big');

    api = createAdminApi('http://hub.test', 'tok', refuse(403, 'super users only') as unknown as typeof fetch);
    const forbidden = await api.loadChats();
    expect(!forbidden.ok && describeApiFailure(forbidden)).toBe('Only super users can change chat and queue settings.');
  });

  it('parses the chats list and refuses a body that is not one', async () => {
    const body = { chats: [], reps: [{ id: 'rep-ben', name: 'Ben Novak', extension: '202', status: 'online' }] };
    let api = createAdminApi(
      'http://hub.test',
      'tok',
      vi.fn(async () => Response.json(body)) as unknown as typeof fetch,
    );
    expect(await api.loadChats()).toEqual({ ok: true, value: body });
    api = createAdminApi(
      'http://hub.test',
      'tok',
      vi.fn(async () => Response.json({ chats: 'no' })) as unknown as typeof fetch,
    );
    expect(await api.loadChats()).toMatchObject({ ok: false });
  });
});
