import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#protocol';
import { seedDemo } from '#hub/demo/seed';
import { startHub } from '#hub/server';
import { openDb, type Db } from '#hub/storage/db';
import { eventually } from './actors';
import { BACKENDS, connect, loginAs, openTestDb, wsUrl } from './support';

/**
 * A restarted hub (new process state, same database) must let a rep resume from the last event id
 * it stored: the messages sent meanwhile arrive once, and what the rep had already is not resent.
 */
describe.each(BACKENDS)('hub restart on %s', (backend) => {
  // PGlite starts twice here: allow for a busy machine.
  it('resumes after a restart with nothing missed and nothing twice', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-restart-'));
    let db: Db = backend === 'pglite' ? await openDb({ dataDir: dir }) : await openTestDb('postgres');
    let hub = await startHub({ db, port: 0 });
    await seedDemo(db);
    const { token } = (await loginAs(hub.url, 'anna@demo.parley.test')).body;

    // One visitor throughout: the credential minted at its first hello brings it back each time.
    let visitorToken: string | undefined;
    const visitorSays = async (url: string, clientId: string, text: string) => {
      const v = await connect(wsUrl(url, '/ws/visitor'));
      v.send({
        type: 'hello',
        v: PROTOCOL_VERSION,
        chatKey: 'demo-shop',
        ...(visitorToken ? { token: visitorToken } : {}),
      });
      visitorToken ??= (await v.next((f) => f.type === 'welcome')).token;
      v.send({ type: 'send', clientId, text, pageUrl: 'https://shop.example/' });
      await v.next((f) => f.type === 'ack');
      v.close();
    };

    await visitorSays(hub.url, 'restart-before', 'before');
    const rep = await connect(wsUrl(hub.url, '/ws/rep'));
    rep.send({ type: 'hello', v: PROTOCOL_VERSION, token, lastEventId: 0 });
    const synced = await rep.next((f) => f.type === 'synced');
    expect(
      rep.frames
        .filter((f) => f.type === 'event' && f.event.kind === 'message.created')
        .map((f) => f.event.message.text),
    ).toEqual(['before']);

    await hub.close();
    if (backend === 'pglite') {
      await db.close();
      db = await openDb({ dataDir: dir });
    }
    hub = await startHub({ db, port: 0 });
    for (const text of ['one', 'two', 'three']) await visitorSays(hub.url, `restart-${text}`, text);

    const again = await connect(wsUrl(hub.url, '/ws/rep'));
    again.send({ type: 'hello', v: PROTOCOL_VERSION, token, lastEventId: synced.lastEventId });
    await again.next((f) => f.type === 'synced');
    // On PostgreSQL the replay stops at the log's watermark: while another writer is open (one of the hub's
    // own workers, on a busy machine) the newest events come live just after `synced`. Either way each
    // comes once and in order; a missing one fails below, a repeated one fails the equality.
    const texts = () =>
      again.frames
        .filter((f) => f.type === 'event' && f.event.kind === 'message.created')
        .map((f) => f.event.message.text);
    await eventually(() => expect(texts().length).toBeGreaterThanOrEqual(3), 10_000);
    expect(texts()).toEqual(['one', 'two', 'three']);
    again.close();
    await hub.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('presence across a restart', () => {
  it("keeps a rep's active conversation theirs while their extension reconnects", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-restart-'));
    let db: Db = await openDb({ dataDir: dir });
    let hub = await startHub({ db, port: 0 });
    await seedDemo(db);
    const { token } = (await loginAs(hub.url, 'anna@demo.parley.test')).body;
    const rep = await connect(wsUrl(hub.url, '/ws/rep'));
    rep.send({ type: 'hello', v: PROTOCOL_VERSION, token, lastEventId: 0 });
    await rep.next((f) => f.type === 'synced');
    const visitor = await connect(wsUrl(hub.url, '/ws/visitor'));
    visitor.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' });
    const { token: visitorToken } = await visitor.next((f) => f.type === 'welcome');
    visitor.send({ type: 'send', clientId: 'presence-1', text: 'Hello', pageUrl: 'https://shop.example/' });
    const opened = await rep.next((f) => f.type === 'event' && f.event.kind === 'conversation.opened');
    rep.send({ type: 'take', reqId: 'take', clientId: 'presence-take', conversationId: opened.event.conversation.id });
    await rep.next((f) => f.reqId === 'take');

    await hub.close();
    await db.close();
    db = await openDb({ dataDir: dir });
    hub = await startHub({ db, port: 0 });
    // The visitor is back first, before the rep's extension has reconnected.
    const back = await connect(wsUrl(hub.url, '/ws/visitor'));
    back.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', token: visitorToken });
    await back.next((f) => f.type === 'welcome');
    back.send({ type: 'send', clientId: 'presence-2', text: 'Still there?', pageUrl: 'https://shop.example/' });
    await back.next((f) => f.type === 'ack');
    const [row] = await db.query<{ status: string; owner_id: string }>(
      'select status, owner_id from conversations where id = $1',
      [opened.event.conversation.id],
    );
    expect(row).toEqual({ status: 'active', owner_id: 'r_anna' });
    back.close();
    await hub.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});
