import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '#protocol';
import { repActor, visitorActor, type RepActor } from './actors';
import { pdf, png } from './file-fixtures';
import { BACKENDS, startTestHub } from './support';

/**
 * Unreviewed visitor files expire (FEATURES D4, I4): one still waiting for a rep FILE_LIMITS.unreviewedHours
 * after it came is rejected by the hub, as a rep's rejection would be (the visitor and the reps are
 * told through message.updated), and its bytes are deleted. Files a rep decided on, and reps' own, stay.
 * The hub's clock is the test's; its sweep runs on tick().
 */
describe.each(BACKENDS)('unreviewed visitor files on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let anna: RepActor;
  let now = Date.now();
  beforeAll(async () => {
    t = await startTestHub(backend, { clock: () => now, timers: false });
    anna = await repActor(t.hub, 'anna@demo.parley.test');
  });
  afterAll(async () => {
    anna.close();
    await t.stop();
  });

  const upload = async (visitorToken: string, name: string, body: Buffer) => {
    const res = await fetch(
      `${t.hub.url}/api/visitor/files?${new URLSearchParams({ name, clientId: randomUUID(), chat: 'demo-shop', pageUrl: 'https://shop.example/' })}`,
      {
        method: 'POST',
        headers: { 'x-parley-visitor': visitorToken },
        body: new Blob([new Uint8Array(body)]),
      },
    );
    expect(res.status).toBe(201);
    return (await res.json()).message.attachment.id as string;
  };
  const status = async (id: string) =>
    (
      await t.db.query<{ status: string; reviewed_by: string | null }>(
        'select status, reviewed_by from files where id = $1',
        [id],
      )
    )[0];
  const onDisk = async () => (await readdir(t.hub.ctx.files.dir)).filter((f) => !f.startsWith('.'));

  it(`rejects a file left unreviewed for ${FILE_LIMITS.unreviewedHours} hours, tells both sides and deletes its bytes; decided files stay`, async () => {
    const visitor = await visitorActor(t.hub);
    const conversationId = await visitor.say('two files coming');
    expect(await anna.cmd({ type: 'take', conversationId })).toMatchObject({ type: 'ack' });
    const waiting = await upload(visitor.token, 'quote.pdf', pdf());
    const accepted = await upload(visitor.token, 'photo.png', png());
    expect(await anna.cmd({ type: 'reviewFile', conversationId, fileId: accepted, decision: 'accept' })).toMatchObject({
      type: 'ack',
    });
    expect(await onDisk()).toEqual(expect.arrayContaining([waiting, accepted]));

    now += FILE_LIMITS.unreviewedHours * 3_600_000 - 60_000;
    await t.hub.tick();
    expect(await status(waiting)).toEqual({ status: 'pending', reviewed_by: null });

    now += 2 * 60_000;
    await t.hub.tick();
    expect(await status(waiting)).toEqual({ status: 'rejected', reviewed_by: null });
    expect(await status(accepted)).toMatchObject({ status: 'accepted' });
    expect(await onDisk()).not.toContain(waiting);
    expect(await onDisk()).toContain(accepted);
    const told = (f: any) =>
      f.type === 'event' && f.event.kind === 'message.updated' && f.event.message.attachment?.id === waiting;
    expect((await anna.socket.next(told)).event.message.attachment.status).toBe('rejected');
    expect(
      (
        await visitor.socket.next(
          (f) =>
            f.type === 'message' && f.message.attachment?.id === waiting && f.message.attachment.status === 'rejected',
        )
      ).type,
    ).toBe('message');
    // Served no more, to either side.
    expect(
      (await fetch(`${t.hub.url}/api/files/${waiting}`, { headers: { authorization: `Bearer ${anna.token}` } })).status,
    ).toBeGreaterThanOrEqual(400);
    visitor.close();
  });
});
