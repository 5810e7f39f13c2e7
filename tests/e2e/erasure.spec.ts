import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '#protocol';
import { expect, test } from './support/fixtures';
import { hubToken, signIn } from './support/helpers';
import { connectRep } from './support/rep-socket';

/**
 * FEATURES H6, issue 20: a customer chats with Anna, whose real extension caches the conversation in
 * its IndexedDB; a super user erases the customer; the `person.erased` event reaches Anna's worker and
 * nothing of the customer — email, name, words — stays in any of its Dexie tables.
 */

const MARIA = { id: 'cu_1', email: 'maria.bianchi@example.com', name: 'Maria Bianchi' };

/** Every object store of the extension's inbox database (`parley`, utils/db.ts) as one JSON text; run in the worker. */
function dumpInbox(): Promise<string> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('parley');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names);
      const out: Record<string, unknown> = {};
      let left = names.length;
      for (const name of names) {
        const all = tx.objectStore(name).getAll();
        all.onerror = () => reject(all.error);
        all.onsuccess = () => {
          out[name] = all.result;
          if (--left === 0) resolve(JSON.stringify(out));
        };
      }
    };
  });
}

/** A visitor of the demo shop over the widget's socket: says `text`, then gives Maria's email. */
async function mariaChats(hubUrl: string, text: string): Promise<WebSocket> {
  const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/ws/visitor`);
  const frames: any[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await new Promise((ok, fail) => (ws.once('open', ok), ws.once('error', fail)));
  const seen = (match: (f: any) => boolean) => expect.poll(() => frames.some(match), { timeout: 15_000 }).toBe(true);
  ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' }));
  await seen((f) => f.type === 'welcome');
  const clientId = randomUUID();
  ws.send(JSON.stringify({ type: 'send', clientId, text, pageUrl: 'https://shop.example/' }));
  await seen((f) => f.type === 'ack' && f.clientId === clientId);
  ws.send(JSON.stringify({ type: 'identify', email: MARIA.email, name: MARIA.name }));
  await seen((f) => f.type === 'identified');
  return ws;
}

test("an erased customer leaves nothing in a rep's extension cache", async ({ page, hub, extensionId, worker }) => {
  test.setTimeout(120_000);
  const secret = `secret-${randomUUID().slice(0, 8)}`;
  await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
  const anna = await connectRep(hub.url, 'anna@demo.parley.test');
  const visitor = await mariaChats(hub.url, `My order, ${secret}`);
  const opened = await anna.next((f) => f.type === 'event' && f.event.kind === 'conversation.opened');
  const conversationId = opened.event.conversation.id as string;
  const ask = async (frame: Record<string, unknown>) => {
    const reqId = randomUUID();
    anna.send({ ...frame, reqId });
    const answer = await anna.next((f) => f.reqId === reqId);
    expect(answer.type).not.toBe('error');
  };
  await ask({ type: 'take', clientId: randomUUID(), conversationId });
  await ask({
    type: 'crm',
    request: { op: 'linkContact', clientId: randomUUID(), conversationId, contactId: MARIA.id },
  });
  await ask({ type: 'endSession', clientId: randomUUID(), conversationId });

  // A super user's notice to the record's owner (FEATURES E6): Anna's extension keeps it until dismissed.
  const alex = await connectRep(hub.url, 'alex@demo.parley.test');
  const reqId = randomUUID();
  const request = {
    op: 'notifySales',
    clientId: randomUUID(),
    contactId: MARIA.id,
    conversationId: null,
    text: 'Call back',
  };
  alex.send({ type: 'crm', reqId, request });
  expect((await alex.next((f) => f.reqId === reqId)).type).toBe('crm');
  alex.close();

  // The extension has cached her conversation and words, and the notice naming her.
  await expect.poll(() => worker.evaluate(dumpInbox), { timeout: 20_000 }).toContain(secret);
  await expect.poll(() => worker.evaluate(dumpInbox), { timeout: 20_000 }).toContain('"crmNotices":[{');

  const token = await hubToken(hub.url, 'alex@demo.parley.test');
  const erased = await fetch(`${hub.url}/api/admin/contacts/${MARIA.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(erased.status).toBe(200);

  await expect.poll(() => worker.evaluate(dumpInbox), { timeout: 20_000 }).not.toContain(secret);
  const after = await worker.evaluate(dumpInbox);
  // Her notice too, which no conversation's deletion would have reached: only the erasure event does.
  for (const needle of [MARIA.email, MARIA.name, conversationId]) expect(after).not.toContain(needle);
  expect(after).toContain('"crmNotices":[]');
  // The extension is still signed in and caught up: the erasure moved its resume point like any event.
  expect(after).toContain('lastEventId');
  visitor.close();
  anna.close();
});
