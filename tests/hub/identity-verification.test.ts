import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visitorActor } from './actors';
import { PROTOCOL_VERSION } from '#protocol';
import { BACKENDS, connect, loginAs, startLoggedHub, wsUrl } from './support';

/**
 * Identity verification (issue 14): the shop's server signs its signed-in customer's email with the
 * chat's secret (hex HMAC-SHA256), the widget passes email and signature in `hello.identity`, and only
 * a good signature makes the email verified. The secret is a super user's to make, renew and drop.
 */
describe.each(BACKENDS)('identity verification on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startLoggedHub>>;
  let logged: string[];
  beforeEach(async () => {
    t = await startLoggedHub(backend);
    logged = t.logged;
  });
  afterEach(async () => t.stop());

  const secretRoute = (token: string, method: 'POST' | 'DELETE', chatId = 'ch_demo') =>
    fetch(`${t.hub.url}/api/admin/chats/${chatId}/identity-secret`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
  /** What the shop's server computes: the hex HMAC-SHA256 of the email, keyed with the chat's secret. */
  const sign = (secret: string, email: string) => createHmac('sha256', secret).update(email).digest('hex');
  const stored = async (visitorId: string) =>
    (await t.db.query('select email, email_verified from visitors where id = $1', [visitorId]))[0];

  it('lets a super user make, renew and drop the secret, shows it only once and never logs it, and refuses reps', async () => {
    const alex = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    const anna = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    const refused = await secretRoute(anna, 'POST');
    expect(refused.status).toBe(403);
    expect((await secretRoute(alex, 'POST', 'ch_nope')).status).toBe(404);

    const made = await secretRoute(alex, 'POST');
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const { chatId, secret } = await made.json();
    expect(chatId).toBe('ch_demo');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const listed = await fetch(`${t.hub.url}/api/admin/chats`, { headers: { authorization: `Bearer ${alex}` } });
    const text = await listed.text();
    expect(JSON.parse(text).chats.find((c: any) => c.id === 'ch_demo').identityVerification).toBe(true);
    expect(text).not.toContain(secret);

    // Renewed: the old signature stops verifying at once.
    const renewed = (await (await secretRoute(alex, 'POST')).json()).secret;
    expect(renewed).not.toBe(secret);
    const old = await visitorActor(t.hub, undefined, 'demo-shop', undefined, {
      email: 'maria.bianchi@example.com',
      hash: sign(secret, 'maria.bianchi@example.com'),
    });
    expect(await old.socket.next((f) => f.type === 'error')).toMatchObject({ code: 'unauthorized' });
    old.close();

    expect((await secretRoute(alex, 'DELETE')).status).toBe(204);
    const after = await fetch(`${t.hub.url}/api/admin/chats`, { headers: { authorization: `Bearer ${alex}` } });
    expect((await after.json()).chats.find((c: any) => c.id === 'ch_demo').identityVerification).toBe(false);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(secret);
    expect(logged.join('\n')).not.toContain(renewed);
  });

  it('verifies an email signed with the chat secret, and refuses a wrong signature, or any without a secret, with a clear error', async () => {
    const email = 'maria.bianchi@example.com';
    // No secret yet: the claim is not used.
    const early = await visitorActor(t.hub, undefined, 'demo-shop', undefined, { email, hash: 'a'.repeat(64) });
    expect(early.welcome.type).toBe('welcome');
    expect(await early.socket.next((f) => f.type === 'error')).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('not set up'),
    });
    expect(await stored(early.id)).toEqual({ email: null, email_verified: false });
    early.close();

    const alex = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    const { secret } = await (await secretRoute(alex, 'POST')).json();
    const forged = await visitorActor(t.hub, undefined, 'demo-shop', undefined, {
      email,
      hash: sign('a guess', email),
    });
    expect(await forged.socket.next((f) => f.type === 'error')).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('identity verification failed'),
    });
    expect(await stored(forged.id)).toEqual({ email: null, email_verified: false });
    // A signature of another email does not vouch for this one.
    const swapped = await visitorActor(t.hub, undefined, 'demo-shop', undefined, {
      email,
      hash: sign(secret, 'jonas.keller@example.com'),
    });
    expect(await swapped.socket.next((f) => f.type === 'error')).toMatchObject({ code: 'unauthorized' });
    expect(await stored(swapped.id)).toEqual({ email: null, email_verified: false });

    const signed = await visitorActor(t.hub, undefined, 'demo-shop', undefined, { email, hash: sign(secret, email) });
    expect(await signed.socket.next((f) => f.type === 'identified')).toMatchObject({ email });
    expect(await stored(signed.id)).toEqual({ email, email_verified: true });
    // The same browser, signed in as someone else: a new visitor, not Maria's conversations.
    const other = 'jonas.keller@example.com';
    const next = await visitorActor(t.hub, signed.token, 'demo-shop', undefined, {
      email: other,
      hash: sign(secret, other).toUpperCase(),
    });
    expect(next.id).not.toBe(signed.id);
    expect(await stored(next.id)).toEqual({ email: other, email_verified: true });
    // Maria again on her own credential: the same visitor.
    const again = await visitorActor(t.hub, signed.token, 'demo-shop', undefined, { email, hash: sign(secret, email) });
    expect(again.id).toBe(signed.id);
    for (const v of [forged, swapped, signed, next, again]) v.close();
  });

  it('refuses a hello whose signature is not 64 hex digits with a clear error, and makes no visitor', async () => {
    const socket = await connect(wsUrl(t.hub.url, '/ws/visitor'));
    const before = (await t.db.query('select id from visitors')).length;
    socket.send({
      type: 'hello',
      v: PROTOCOL_VERSION,
      chatKey: 'demo-shop',
      identity: { email: 'maria.bianchi@example.com', hash: 'not-a-signature' },
    });
    expect(await socket.next((f) => f.type === 'error')).toMatchObject({
      code: 'bad_frame',
      message: expect.stringContaining('HMAC-SHA256'),
    });
    expect(socket.frames.some((f) => f.type === 'welcome')).toBe(false);
    expect((await t.db.query('select id from visitors')).length).toBe(before);
    socket.close();
  });
});
