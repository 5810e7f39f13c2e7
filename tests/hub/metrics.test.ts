import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repActor, visitorActor, eventually } from './actors';
import { startTestHub } from './support';

/**
 * Issue 16: a hub started with metrics serves Prometheus's text format on its own listener, the
 * figures move with traffic, and the public port has no /metrics at all.
 */
let t: Awaited<ReturnType<typeof startTestHub>>;
beforeAll(async () => {
  t = await startTestHub('pglite', { metrics: { host: '127.0.0.1', port: 0 } });
});
afterAll(() => t.stop());

async function scrape(): Promise<string> {
  const res = await fetch(t.hub.metricsUrl!);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample line, e.g. `parley_connections{kind="rep"}`; 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('metrics', () => {
  it('count connections, appended and delivered events and write transactions as traffic flows', async () => {
    const before = await scrape();
    const rep = await repActor(t.hub, 'anna@demo.parley.test');
    const visitor = await visitorActor(t.hub);
    const conversationId = await visitor.say('Do you ship to Prague?');
    await rep.socket.next((f) => f.type === 'event' && f.event.conversation?.id === conversationId);
    expect(await rep.cmd({ type: 'take', conversationId })).toMatchObject({ type: 'ack' });
    await eventually(async () => {
      const after = await scrape();
      expect(sample(after, 'parley_connections{kind="rep"}')).toBe(1);
      expect(sample(after, 'parley_connections{kind="visitor"}')).toBe(1);
      expect(sample(after, 'parley_events_appended_total')).toBeGreaterThan(
        sample(before, 'parley_events_appended_total'),
      );
      expect(sample(after, 'parley_events_delivered_total{kind="rep"}')).toBeGreaterThan(
        sample(before, 'parley_events_delivered_total{kind="rep"}'),
      );
      expect(sample(after, 'parley_events_delivered_total{kind="visitor"}')).toBeGreaterThan(
        sample(before, 'parley_events_delivered_total{kind="visitor"}'),
      );
      expect(sample(after, 'parley_write_transaction_seconds_count')).toBeGreaterThan(
        sample(before, 'parley_write_transaction_seconds_count'),
      );
      expect(after).toMatch(/^parley_feed_lag_events \d+$/m);
      expect(after).toMatch(/^parley_redis_reconnects_total 0$/m);
    });
    rep.close();
    visitor.close();
    await eventually(async () => expect(sample(await scrape(), 'parley_connections{kind="rep"}')).toBe(0));
  });

  it('are not served on the public port, and the metrics listener serves nothing else', async () => {
    expect((await fetch(`${t.hub.url}/metrics`)).status).toBe(404);
    expect((await fetch(t.hub.metricsUrl!.replace('/metrics', '/api/health'))).status).toBe(404);
  });

  it('are off unless asked for', async () => {
    const plain = await startTestHub('pglite');
    try {
      expect(plain.hub.metricsUrl).toBeNull();
    } finally {
      await plain.stop();
    }
  });
});
