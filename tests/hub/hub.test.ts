import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION } from '#protocol';
import { connect, loginAs, startTestHub, wsUrl, type TestSocket } from './support';

/** A real hub on a random port, real WebSocket clients, real HTTP. */
let t: Awaited<ReturnType<typeof startTestHub>>;
let token: string;
beforeAll(async () => {
  t = await startTestHub();
  token = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
});
afterAll(() => t.stop());

async function repSocket(lastEventId = 0, tok = token): Promise<TestSocket> {
  const s = await connect(wsUrl(t.hub.url, '/ws/rep'));
  s.send({ type: 'hello', v: PROTOCOL_VERSION, token: tok, lastEventId });
  return s;
}

/** A new visitor's widget; `id` is the public id the hub gave it. */
async function visitorSocket(): Promise<TestSocket & { id: string }> {
  const s = await connect(wsUrl(t.hub.url, '/ws/visitor'));
  s.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' });
  const welcome = await s.next((f) => f.type === 'welcome');
  return Object.assign(s, { id: welcome.visitorId as string });
}

const storedCounts = async () => {
  const [row] = await t.db.query<{ m: string; c: string }>(
    'select (select count(*) from messages) as m, (select count(*) from conversations) as c',
  );
  return { messages: Number(row.m), conversations: Number(row.c) };
};

describe('REST', () => {
  it('signs in with the right password and refuses the wrong one', async () => {
    const ok = await loginAs(t.hub.url, 'ben@demo.parley.test');
    expect(ok.status).toBe(200);
    expect(ok.body.rep).toMatchObject({ email: 'ben@demo.parley.test', role: 'rep' });
    const bad = await loginAs(t.hub.url, 'ben@demo.parley.test', 'wrong');
    expect(bad).toEqual({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'email or password is wrong' } },
    });
  });

  it('refuses a malformed and an oversized body with a clear error', async () => {
    const res = await fetch(`${t.hub.url}/api/auth/login`, { method: 'POST', body: '{"email": 3' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
    const big = await fetch(`${t.hub.url}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(LIMITS.restBodyBytes) }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatchObject({ code: 'too_large', limit: LIMITS.restBodyBytes });
  });

  it('keeps answering on a kept-alive connection after refusing oversized bodies', async () => {
    // One socket for every request: a half-read oversized body once left the next request unanswered.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      new Promise<{ status: number; code: string }>((resolve, reject) => {
        const req = http.request(
          `${t.hub.url}/api/auth/login`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' }, timeout: 5000 },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, code: JSON.parse(text).error.code }));
          },
        );
        req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
        req.on('error', reject);
        req.end(body);
      });
    const sizes = [LIMITS.restBodyBytes + 13, 140_000, 2 * 1024 * 1024];
    for (const size of sizes) {
      expect(await post('x'.repeat(size))).toMatchObject({ status: 413, code: 'too_large' });
      expect(await post('false')).toMatchObject({ status: 400, code: 'bad_request' });
    }
    agent.destroy();
  });
});

describe('rep connection', () => {
  it('refuses a bad token with an error and close code 4001', async () => {
    const s = await repSocket(0, 'not-a-token');
    expect(await s.next((f) => f.type === 'error')).toMatchObject({ code: 'unauthorized' });
    expect(await s.closed).toBe(4001);
  });

  it('answers a malformed frame with an error and stays usable', async () => {
    const s = await repSocket();
    await s.next((f) => f.type === 'synced');
    s.sendRaw('{this is not json');
    expect(await s.next((f) => f.type === 'error')).toMatchObject({ code: 'bad_frame' });
    s.send({ type: 'take', reqId: 'r1' });
    expect(await s.next((f) => f.type === 'error')).toMatchObject({ code: 'bad_frame', reqId: 'r1' });
    s.send({ type: 'ping', t: 42 });
    expect(await s.next((f) => f.type === 'pong')).toEqual({ type: 'pong', t: 42 });
    s.close();
  });

  it('refuses commands before hello', async () => {
    const s = await connect(wsUrl(t.hub.url, '/ws/rep'));
    s.send({ type: 'take', reqId: 'early', clientId: 'early-take-1', conversationId: 'c_x' });
    expect(await s.next((f) => f.type === 'error')).toMatchObject({ code: 'not_ready', reqId: 'early' });
    s.close();
  });
});

describe('a visitor and a rep', () => {
  it('carries a message with its page URL to the rep, and the reply back; a take is acknowledged', async () => {
    const rep = await repSocket();
    await rep.next((f) => f.type === 'synced');
    const visitor = await visitorSocket();
    visitor.send({ type: 'send', clientId: 'flow-msg-1', text: 'Hello', pageUrl: 'https://shop.example/cart' });
    expect(await visitor.next((f) => f.type === 'ack')).toMatchObject({ clientId: 'flow-msg-1' });

    const opened = await rep.next((f) => f.type === 'event' && f.event.kind === 'conversation.opened');
    const conversationId = opened.event.conversation.id;
    expect(opened.event.conversation).toMatchObject({ status: 'pending', chatName: 'Demo shop' });
    const msg = await rep.next((f) => f.type === 'event' && f.event.kind === 'message.created');
    expect(msg.event.message).toMatchObject({ text: 'Hello', pageUrl: 'https://shop.example/cart', author: 'visitor' });
    expect(msg.event.id).toBeGreaterThan(opened.event.id);

    rep.send({ type: 'take', reqId: 'take-1', clientId: 'anna-take-flow-1', conversationId });
    expect(await rep.next((f) => f.reqId === 'take-1')).toEqual({ type: 'ack', reqId: 'take-1' });
    const taken = await rep.next((f) => f.type === 'event' && f.event.kind === 'conversation.updated');
    expect(taken.event.conversation).toMatchObject({ status: 'active', ownerId: 'r_anna', ownerName: 'Anna Rossi' });

    // The ack was lost, say: the retry (same client id) is answered with the first result, not a conflict.
    rep.send({ type: 'take', reqId: 'take-1-retry', clientId: 'anna-take-flow-1', conversationId });
    expect(await rep.next((f) => f.reqId === 'take-1-retry')).toEqual({ type: 'ack', reqId: 'take-1-retry' });

    rep.send({ type: 'send', reqId: 'reply-1', conversationId, clientId: 'anna-reply-1', text: 'Hi, how can I help?' });
    expect(await rep.next((f) => f.reqId === 'reply-1')).toMatchObject({ type: 'ack' });
    const reply = await visitor.next((f) => f.type === 'message' && f.message.author === 'rep');
    expect(reply.message).toMatchObject({ text: 'Hi, how can I help?', authorName: 'Anna Rossi' });
    expect(reply.message).not.toHaveProperty('repId');
    rep.close();
    visitor.close();
  });

  it('refuses an oversized message with the limit and stores nothing', async () => {
    const visitor = await visitorSocket();
    const before = await storedCounts();
    visitor.send({
      type: 'send',
      clientId: 'big-msg-1',
      text: 'x'.repeat(LIMITS.messageChars + 1),
      pageUrl: 'https://shop.example/',
    });
    expect(await visitor.next((f) => f.type === 'error')).toMatchObject({
      code: 'too_large',
      limit: LIMITS.messageChars,
    });
    visitor.send({ type: 'ping', t: 1 });
    await visitor.next((f) => f.type === 'pong');
    expect(await storedCounts()).toEqual(before);
    visitor.close();
  });

  it('resumes a dropped rep connection from its last event id: everything missed, nothing twice', async () => {
    const rep = await repSocket();
    const synced = await rep.next((f) => f.type === 'synced');
    rep.close();
    await rep.closed;
    const visitor = await visitorSocket();
    for (const text of ['one', 'two', 'three']) {
      visitor.send({ type: 'send', clientId: `resume-${text}`, text, pageUrl: 'https://shop.example/' });
      await visitor.next((f) => f.type === 'ack' && f.clientId === `resume-${text}`);
    }
    // A retried send (same client id) must not produce a second message.
    visitor.send({ type: 'send', clientId: 'resume-two', text: 'two', pageUrl: 'https://shop.example/' });
    await visitor.next((f) => f.type === 'ack' && f.clientId === 'resume-two');

    const again = await repSocket(synced.lastEventId);
    await again.next((f) => f.type === 'synced');
    const texts = again.frames
      .filter((f) => f.type === 'event' && f.event.kind === 'message.created')
      .map((f) => f.event.message.text);
    expect(texts).toEqual(['one', 'two', 'three']);
    const ids = again.frames.filter((f) => f.type === 'event').map((f) => f.event.id);
    expect(ids.every((id) => id > synced.lastEventId)).toBe(true);
    again.close();
    visitor.close();
  });

  it("hides another rep's active conversation after the claim, but tells them it was taken", async () => {
    const benToken = (await loginAs(t.hub.url, 'ben@demo.parley.test')).body.token;
    const ben = await repSocket(0, benToken);
    await ben.next((f) => f.type === 'synced');
    const visitor = await visitorSocket();
    visitor.send({ type: 'send', clientId: 'private-1', text: 'first', pageUrl: 'https://shop.example/' });
    const opened = await ben.next(
      (f) =>
        f.type === 'event' && f.event.kind === 'conversation.opened' && f.event.conversation.visitorId === visitor.id,
    );
    const anna = await repSocket();
    await anna.next((f) => f.type === 'synced');
    anna.send({
      type: 'take',
      reqId: 'take-private',
      clientId: 'anna-take-private',
      conversationId: opened.event.conversation.id,
    });
    await anna.next((f) => f.reqId === 'take-private');
    await ben.next(
      (f) => f.type === 'event' && f.event.kind === 'conversation.updated' && f.event.conversation.ownerId === 'r_anna',
    );
    visitor.send({ type: 'send', clientId: 'private-2', text: 'secret for anna', pageUrl: 'https://shop.example/' });
    await anna.next(
      (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.text === 'secret for anna',
    );
    ben.send({ type: 'ping', t: 7 });
    await ben.next((f) => f.type === 'pong' && f.t === 7);
    expect(
      ben.frames.some(
        (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.text === 'secret for anna',
      ),
    ).toBe(false);
    ben.close();
    anna.close();
    visitor.close();
  });
});
