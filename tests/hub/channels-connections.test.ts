import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { putConnection, startChannelHub, SMS, WA, type ChannelHub } from './channels-support';
import { BACKENDS, loginAs } from './support';

/**
 * A chat's channel connections on the REST API (issue 15, FEATURES G2–G4): super users only; secrets
 * sealed in the database, never sent back (`{ set: true }`) nor logged; a secret left out keeps the
 * stored one; the webhook URL built from the hub's public address; no key, no secrets stored.
 */
describe.each(BACKENDS)('channel connections on %s', (backend) => {
  let h: ChannelHub;
  afterEach(async () => h.stop());
  const list = (token = h.admin, chatId = 'ch_demo') =>
    fetch(`${h.t.hub.url}/api/admin/chats/${chatId}/channels`, { headers: { authorization: `Bearer ${token}` } });

  it('saves, reads and deletes a connection for super users, secrets sealed and shown only as set', async () => {
    h = await startChannelHub(backend);
    const saved = await putConnection(h, 'whatsapp', WA);
    expect(saved.status).toBe(200);
    const text = await saved.text();
    for (const secret of [WA.accessToken, WA.appSecret, WA.verifyToken]) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({
      chatId: 'ch_demo',
      provider: 'whatsapp',
      settings: { phoneNumberId: WA.phoneNumberId, templates: [] },
      secrets: { accessToken: { set: true }, appSecret: { set: true }, verifyToken: { set: true } },
      webhookUrl: `${h.t.hub.url}/webhooks/whatsapp/ch_demo`,
    });
    const [row] = await h.t.db.query<{ sealed_secrets: string; settings: unknown }>(
      'select * from channel_connections',
    );
    for (const secret of [WA.accessToken, WA.appSecret, WA.verifyToken]) {
      expect(row.sealed_secrets).not.toContain(secret);
      expect(JSON.stringify(row.settings)).not.toContain(secret);
    }

    // A later save without secrets keeps them: the webhook still verifies with the stored verify token.
    expect((await putConnection(h, 'whatsapp', { phoneNumberId: 'PHONE_2' })).status).toBe(200);
    const handshake = await fetch(
      `${h.hook('whatsapp')}?hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=7`,
    );
    expect(await handshake.text()).toBe('7');

    const read = await list();
    const body = await read.json();
    expect(body.connections.map((c: { provider: string }) => c.provider)).toEqual(['whatsapp']);
    expect(body.connections[0].settings.phoneNumberId).toBe('PHONE_2');
    expect(JSON.stringify(body)).not.toContain(WA.accessToken);

    const gone = await fetch(`${h.t.hub.url}/api/admin/chats/ch_demo/channels/whatsapp`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${h.admin}` },
    });
    expect(gone.status).toBe(204);
    expect((await (await list()).json()).connections).toEqual([]);
  });

  it('refuses reps, an unknown chat or provider, a new connection missing a secret, and a malformed setting', async () => {
    h = await startChannelHub(backend);
    const anna = (await loginAs(h.t.hub.url, 'anna@demo.parley.test')).body.token;
    expect((await putConnection(h, 'whatsapp', WA, anna)).status).toBe(403);
    expect((await list(anna)).status).toBe(403);
    expect((await putConnection(h, 'whatsapp', WA, h.admin, 'ch_nope')).status).toBe(404);
    expect((await putConnection(h, 'telegram', WA)).status).toBe(400);
    const missing = await putConnection(h, 'sms', { accountSid: SMS.accountSid, fromNumber: SMS.fromNumber });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/authToken: required/);
    const badNumber = await putConnection(h, 'sms', { ...SMS, fromNumber: '555-0100' });
    expect(badNumber.status).toBe(400);
    expect((await badNumber.json()).error.message).toMatch(/^fromNumber: .*E\.164/);
    expect(await h.t.db.query('select * from channel_connections')).toEqual([]);
  });

  it('refuses to store a secret without PARLEY_SECRET_KEY, saying how to set it', async () => {
    h = await startChannelHub(backend, 'whatsapp', { secretKey: null });
    const refused = await putConnection(h, 'whatsapp', WA);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/PARLEY_SECRET_KEY.*openssl rand/);
    expect(await h.t.db.query('select * from channel_connections')).toEqual([]);
  });

  it('never logs a secret, even at trace level', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logged.push(line) });
    h = await startChannelHub(backend, 'whatsapp', {}, { logger });
    expect((await putConnection(h, 'sms', SMS)).status).toBe(200);
    await list();
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(SMS.authToken);
  });
});
