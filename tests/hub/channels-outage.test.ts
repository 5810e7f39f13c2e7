import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, type RepActor } from './actors';
import { customerWrites, startWithAnna, type ChannelHub } from './channels-support';
import { BACKENDS } from './support';

/**
 * Issue 15's outage (FEATURES G2) and issue 16's outbox metric: the provider answers 503 for a full
 * 30 s while the rep sends 20 replies; all 20 reach it once each, in order, after it recovers, and
 * the hub's `parley_outbox_depth{outbox="channels"}` rises to 20 meanwhile and falls back to 0. The
 * back-off is the tests' short one (channels-support.ts); the outage is real time.
 */
const OUTAGE_MS = 30_000;
const REPLIES = 20;
/** The rep's replies are spread over the first part of the outage, one per this many ms. */
const REPLY_EVERY_MS = 1000;

describe.each(BACKENDS)('a provider outage on %s', (backend) => {
  let h: ChannelHub;
  let anna: RepActor;
  let stop: () => Promise<void>;
  beforeEach(async () => {
    ({ h, anna, stop } = await startWithAnna(backend, 'whatsapp', {}, { metrics: { host: '127.0.0.1', port: 0 } }));
  });
  afterEach(async () => stop());

  const depth = async () => {
    const res = await fetch(h.t.hub.metricsUrl!);
    expect(res.status).toBe(200);
    const line = /^parley_outbox_depth\{outbox="channels"\} (\d+)$/m.exec(await res.text());
    expect(line, 'the channels outbox is reported').not.toBeNull();
    return Number(line![1]);
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it(
    'gets 20 replies sent during a 30 s outage to the provider once each, in order, with the outbox depth rising and falling',
    { timeout: 90_000 },
    async () => {
      const conversationId = await customerWrites(h, anna, 'Hello?');
      expect(await depth()).toBe(0);
      h.wa.down = true;
      const downAt = Date.now();
      const texts = Array.from({ length: REPLIES }, (_, i) => `reply ${i + 1}`);
      for (const text of texts) {
        expect((await anna.cmd({ type: 'send', conversationId, text })).type).toBe('ack');
        await sleep(REPLY_EVERY_MS);
      }
      expect(await depth()).toBe(REPLIES);
      const triedBy = h.wa.calls.filter((c) => c.method === 'POST').length;
      await sleep(downAt + OUTAGE_MS - Date.now());
      // Still trying late in the outage, nothing sent, nothing given up.
      expect(h.wa.calls.filter((c) => c.method === 'POST').length).toBeGreaterThan(triedBy);
      expect(h.wa.sent()).toEqual([]);
      expect(await depth()).toBe(REPLIES);
      h.wa.down = false;
      expect(Date.now() - downAt).toBeGreaterThanOrEqual(OUTAGE_MS);

      await eventually(() => expect(h.wa.sent()).toHaveLength(REPLIES), 15_000);
      await h.settled();
      expect(h.wa.sent().map((s) => s.text)).toEqual(texts);
      const rows = await h.t.db.query<{ text: string; delivery_status: string }>(
        `select text, delivery_status from messages where author = 'rep' order by created_at, id`,
      );
      expect(rows).toEqual(texts.map((text) => ({ text, delivery_status: 'sent' })));
      expect(await depth()).toBe(0);
    },
  );
});
