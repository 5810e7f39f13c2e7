import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#protocol';
import { repActor, visitorActor, type RepActor } from './actors';
import { BACKENDS, connect, startTestHub, wsUrl } from './support';

/**
 * Issue 14, who a visitor is: the hub mints the visitor's credential and keeps only its hash; reps
 * (and so their extension's database) see only the public visitor id, which no longer opens a
 * conversation by itself.
 */
describe.each(BACKENDS)('the visitor credential on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let anna: RepActor;
  beforeAll(async () => {
    t = await startTestHub(backend);
    await t.db.query(`update reps set status = 'online'`);
    anna = await repActor(t.hub, 'anna@demo.parley.test');
  });
  afterAll(async () => {
    anna.close();
    await t.stop();
  });

  /** A hello as any client could send it; resolves with the welcome. */
  async function hello(fields: Record<string, unknown>) {
    const socket = await connect(wsUrl(t.hub.url, '/ws/visitor'));
    socket.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', ...fields });
    const welcome = await socket.next((f) => f.type === 'welcome');
    return { socket, welcome };
  }

  it('is minted at the first hello, stored only as its SHA-256, and brings the same visitor and conversation back', async () => {
    const first = await visitorActor(t.hub);
    expect(first.welcome.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.id).toMatch(/^v_[0-9a-f]{32}$/);
    const conversationId = await first.say('Where is my order?');
    const [row] = await t.db.query<{ token_hash: string }>('select token_hash from visitors where id = $1', [first.id]);
    expect(row.token_hash).toBe(createHash('sha256').update(first.token).digest('hex'));
    first.close();

    const back = await visitorActor(t.hub, first.token);
    expect(back.id).toBe(first.id);
    expect(back.welcome.token).toBeUndefined(); // nothing new to keep
    expect(back.welcome.conversationId).toBe(conversationId);
    expect(back.welcome.messages.map((m: { text: string }) => m.text)).toEqual(['Where is my order?']);
    back.close();
  });

  it('reps see only the public id: the credential is in no event and no row but as its hash', async () => {
    const v = await visitorActor(t.hub);
    const conversationId = await v.say('Hi there');
    const opened = await anna.socket.next((f) => f.type === 'event' && f.event.conversation?.id === conversationId);
    expect(opened.event.conversation.visitorId).toBe(v.id);
    anna.socket.send({ type: 'visitorHistory', reqId: 'past-1', conversationId });
    const history = await anna.socket.next((f) => f.reqId === 'past-1');
    expect(JSON.stringify([opened, history, anna.socket.frames])).not.toContain(v.token);
    const [{ n }] = await t.db.query<{ n: string }>(`select count(*) as n from events where payload::text like $1`, [
      `%${v.token}%`,
    ]);
    expect(Number(n)).toBe(0);
    v.close();
  });

  it('a visitor id alone opens nothing: a hello with the public id (as id or as token) gets a new, empty visitor', async () => {
    const owner = await visitorActor(t.hub);
    const conversationId = await owner.say('My address is 1 Private Lane');
    owner.close();
    for (const fields of [{ visitorId: owner.id }, { token: owner.id }, { token: `${owner.id}-${randomUUID()}` }]) {
      const { socket, welcome } = await hello(fields);
      expect(welcome.visitorId, JSON.stringify(fields)).not.toBe(owner.id);
      expect(welcome.token).toBeDefined();
      expect(welcome.conversationId).toBeNull();
      expect(welcome.messages).toEqual([]);
      // What this stranger sends starts a conversation of its own.
      const clientId = randomUUID();
      socket.send({ type: 'send', clientId, text: 'me too', pageUrl: 'https://shop.example/' });
      const ack = await socket.next((f) => f.type === 'ack' && f.clientId === clientId);
      const [{ conversation_id: theirs }] = await t.db.query<{ conversation_id: string }>(
        'select conversation_id from messages where id = $1',
        [ack.messageId],
      );
      expect(theirs).not.toBe(conversationId);
      socket.close();
    }
    const texts = await t.db.query<{ text: string }>('select text from messages where conversation_id = $1', [
      conversationId,
    ]);
    expect(texts.map((m) => m.text)).toEqual(['My address is 1 Private Lane']);
  });

  it('a credential of one chat does not open a visitor of another', async () => {
    await t.db.query(
      `insert into chats (id, key, name) values ('ch_other', 'other-shop', 'Other shop') on conflict do nothing`,
    );
    const v = await visitorActor(t.hub);
    const there = await visitorActor(t.hub, v.token, 'other-shop');
    expect(there.id).not.toBe(v.id);
    v.close();
    there.close();
  });
});
