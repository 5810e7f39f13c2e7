import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, expect } from 'vitest';
import { RATE_LIMITS } from '#protocol';
import { scaleRates } from '#hub/net/hub-limits';
import { repActor, visitorActor, type RepActor } from './actors';
import { loginAs, startTestHub } from './support';

/** One hub per file for the file tests (FEATURES D3, D4), with the demo reps and upload and download helpers. */
export let t: Awaited<ReturnType<typeof startTestHub>>;
export let anna: RepActor;
export let ben: RepActor;
export let sara: RepActor;
export let alexToken: string;
export const LIMIT = 100_000;

/** Starts the hub with a small file limit before the file's tests and stops it after them. */
export function useFilesHub(): void {
  beforeAll(async () => {
    // files-sending's XSS-name test uploads every corpus entry as one visitor, far past RATE_LIMITS.uploads
    // (whose own test is connection-limits.test.ts).
    t = await startTestHub('pglite', { rateLimits: scaleRates(RATE_LIMITS, 100) });
    [anna, ben, sara] = await Promise.all([
      repActor(t.hub, 'anna@demo.parley.test'),
      repActor(t.hub, 'ben@demo.parley.test'),
      repActor(t.hub, 'sara@demo.parley.test'),
    ]);
    alexToken = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    await setChat({ fileMaxBytes: LIMIT });
    // Every test gives Anna one more conversation: room for all of them.
    await t.db.query('update queues set default_capacity = 100');
  });
  afterAll(async () => {
    for (const a of [anna, ben, sara]) a.close();
    await t.stop();
  });
}

export async function setChat(settings: { fileMaxBytes?: number; sneakPeek?: boolean }) {
  const res = await fetch(`${t.hub.url}/api/admin/chats/ch_demo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${alexToken}` },
    body: JSON.stringify({ name: 'Demo shop', hours: null, ...settings }),
  });
  expect(res.status).toBe(204);
}

/** A visitor with a conversation Anna has taken. */
export async function conversationWithAnna() {
  const visitor = await visitorActor(t.hub);
  const conversationId = await visitor.say('hello, a file is coming');
  expect(await anna.cmd({ type: 'take', conversationId })).toMatchObject({ type: 'ack' });
  return { visitor, visitorToken: visitor.token, conversationId };
}

export const repUpload = (token: string, conversationId: string, name: string, body: Buffer) =>
  fetch(
    `${t.hub.url}/api/conversations/${conversationId}/files?${new URLSearchParams({ name, clientId: randomUUID() })}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new Blob([new Uint8Array(body)]),
    },
  );

export const visitorUpload = (visitorToken: string, name: string, body: Buffer) =>
  fetch(
    `${t.hub.url}/api/visitor/files?${new URLSearchParams({ name, clientId: randomUUID(), chat: 'demo-shop', pageUrl: 'https://shop.example/cart' })}`,
    {
      method: 'POST',
      headers: { 'x-parley-visitor': visitorToken },
      body: new Blob([new Uint8Array(body)]),
    },
  );

export const fetchAsRep = (token: string, fileId: string) =>
  fetch(`${t.hub.url}/api/files/${fileId}`, { headers: { authorization: `Bearer ${token}` } });
export const fetchAsVisitor = (visitorToken: string, fileId: string) =>
  fetch(`${t.hub.url}/api/files/${fileId}`, { headers: { 'x-parley-visitor': visitorToken } });

/** A well-formed credential the hub never minted. */
export const strangerToken = () => randomBytes(32).toString('base64url');

export const storedFiles = async () => (await readdir(t.hub.ctx.files.dir)).filter((f) => !f.startsWith('.'));
export const fileRows = async () => Number((await t.db.query<{ n: string }>('select count(*) as n from files'))[0].n);
