import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '#hub/ingest/api-keys';
import { makeKey, product, send, superToken } from './data-api-support';
import { BACKENDS, loginAs, startLoggedHub } from './support';

/**
 * API keys (FEATURES E2, issue 20): super users make them with scopes, see the secret once, revoke
 * them; unknown and revoked keys are 401 and keys without the scope 403, with nothing written.
 */
describe.each(BACKENDS)('data API keys on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startLoggedHub>>;
  beforeEach(async () => void (t = await startLoggedHub(backend)));
  afterEach(async () => t.stop());

  const keys = async (token: string) =>
    (await fetch(`${t.hub.url}/api/admin/api-keys`, { headers: { authorization: `Bearer ${token}` } })).json();
  const products = async (sku: string) => t.db.query('select * from crm_products where sku = $1', [sku]);

  it('shows the secret once, keeps only its hash, lists the key without it and never logs it', async () => {
    const alex = await superToken(t.hub.url);
    const made = await makeKey(t.hub.url, alex, ['products', 'orders']);
    expect(made.secret).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.query<{ secret_hash: string }>('select secret_hash from api_keys where id = $1', [
      made.key.id,
    ]);
    expect(row.secret_hash).toBe(hashSecret(made.secret));
    const listed = await keys(alex);
    expect(listed.keys).toEqual([
      expect.objectContaining({ id: made.key.id, scopes: ['products', 'orders'], lastUsedAt: null }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(made.secret);

    expect((await send(t.hub.url, made.secret, 'products', product('SKU-1'))).status).toBe(200);
    expect((await keys(alex)).keys[0].lastUsedAt).not.toBeNull();
    expect(t.logged.join('\n')).not.toContain(made.secret);
  });

  it('refuses reps: only super users make keys', async () => {
    const anna = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    const res = await fetch(`${t.hub.url}/api/admin/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna}` },
      body: JSON.stringify({ name: 'mine', scopes: ['products'] }),
    });
    expect(res.status).toBe(403);
    expect(await t.db.query('select 1 from api_keys')).toEqual([]);
  });

  it('answers 401 to no key and an unknown key and 403 to a key without the scope, writing nothing', async () => {
    const alex = await superToken(t.hub.url);
    const ordersOnly = await makeKey(t.hub.url, alex, ['orders']);
    expect((await send(t.hub.url, null, 'products', product('SKU-2'))).status).toBe(401);
    expect((await send(t.hub.url, 'pk_not-a-key', 'products', product('SKU-2'))).status).toBe(401);
    const forbidden = await send(t.hub.url, ordersOnly.secret, 'products', product('SKU-2'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain('products scope');
    const bulk = await send(t.hub.url, ordersOnly.secret, 'products/bulk', JSON.stringify(product('SKU-2')));
    expect(bulk.status).toBe(403);
    expect(await products('SKU-2')).toEqual([]);
  });

  it('stops a revoked key at once, and deletes it only once revoked', async () => {
    const alex = await superToken(t.hub.url);
    const made = await makeKey(t.hub.url, alex, ['products']);
    expect((await send(t.hub.url, made.secret, 'products', product('SKU-3'))).status).toBe(200);
    const del = (id: string) =>
      fetch(`${t.hub.url}/api/admin/api-keys/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${alex}` },
      });
    expect((await del(made.key.id)).status).toBe(409);
    const revoked = await fetch(`${t.hub.url}/api/admin/api-keys/${made.key.id}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alex}` },
    });
    expect((await revoked.json()).key.revokedAt).not.toBeNull();
    expect((await send(t.hub.url, made.secret, 'products', product('SKU-4'))).status).toBe(401);
    expect(await products('SKU-4')).toEqual([]);
    expect((await del(made.key.id)).status).toBe(204);
    expect((await keys(alex)).keys).toEqual([]);
  });

  it('refuses a key with no scope or an unknown one', async () => {
    const alex = await superToken(t.hub.url);
    for (const scopes of [[], ['products', 'everything']]) {
      const res = await fetch(`${t.hub.url}/api/admin/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alex}` },
        body: JSON.stringify({ name: 'k', scopes }),
      });
      expect(res.status).toBe(400);
    }
  });
});
