import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsReport } from '#protocol';
import { hashToken, newToken } from '#hub/auth/tokens';
import { startHub, type Hub } from '#hub/server';
import type { Db } from '#hub/storage/db';
import { ANALYTICS_TZ, IN_RANGE, RANGE, writeAnalyticsDataset } from './analytics-dataset';
import { BACKENDS, openTestDb } from './support';

/**
 * Analytics over REST (FEATURES H4) on a real hub with the hand-made dataset: who may read what,
 * refusals that leak nothing, the report, and CSV downloads that parse into the right rows.
 */
describe.each(BACKENDS)('analytics REST on %s', (backend) => {
  let db: Db;
  let hub: Hub;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    db = await openTestDb(backend);
    hub = await startHub({ db, port: 0, timers: false });
    await writeAnalyticsDataset(db);
    await db.query(
      `insert into reps (id, email, name, role, password_hash) values ('r_alex', 'alex@test', 'Alex', 'admin', 'x')`,
    );
    for (const rep of ['r_anna', 'r_ben', 'r_sara', 'r_alex']) {
      tokens[rep] = newToken();
      await db.query(
        `insert into sessions (token_hash, rep_id, expires_at) values ($1, $2, now() + interval '1 day')`,
        [hashToken(tokens[rep]), rep],
      );
    }
  });
  afterAll(async () => {
    await hub?.close();
    await db?.close();
  });

  const get = (path: string, params: Record<string, string>, rep?: string) =>
    fetch(`${hub.url}${path}?${new URLSearchParams({ ...RANGE, tz: ANALYTICS_TZ, ...params })}`, {
      headers: rep ? { authorization: `Bearer ${tokens[rep]}` } : {},
    });
  const report = async (rep: string, params: Record<string, string> = {}) => {
    const res = await get('/api/analytics/report', params, rep);
    expect(res.status).toBe(200);
    return (await res.json()) as AnalyticsReport;
  };
  const csv = async (path: string, params: Record<string, string>, rep = 'r_sara') => {
    const res = await get(path, params, rep);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="parley-.+\.csv"$/);
    return parse(await res.text(), { columns: true }) as Record<string, string>[];
  };

  it('gives a supervisor every figure of the range, with every rep', async () => {
    const r = await report('r_sara');
    expect(r.totals).toMatchObject({
      conversations: 11,
      answered: 7,
      missed: 1,
      abandoned: 1,
      unanswered: 2,
      firstResponse: { median: 45, p90: 180 },
    });
    expect(r.days.map((d) => d.conversations)).toEqual([2, 4, 5]);
    expect(r.week).toHaveLength(168);
    expect(r.reps.map((x) => x.repId)).toEqual(['r_anna', 'r_ben']);
    expect(r.chats.map((c) => c.name)).toEqual(['Help desk', 'Shop']);
    expect(r.channels.map((c) => [c.id, c.conversations])).toEqual([
      ['web', 10],
      ['whatsapp', 1],
    ]);
  });

  it('gives a rep only their own part, whatever they leave out', async () => {
    const r = await report('r_anna');
    expect(r.totals.conversations).toBe(6);
    expect(r.reps.map((x) => x.repId)).toEqual(['r_anna']);
    expect(await report('r_anna', { repId: 'r_anna' })).toEqual(r);
  });

  it("refuses a rep another rep's figures and every export, with nothing of the figures in the answer", async () => {
    for (const [path, params] of [
      ['/api/analytics/report', { repId: 'r_ben' }],
      ['/api/analytics/reps.csv', {}],
      ['/api/analytics/days.csv', { repId: 'r_anna' }],
      ['/api/analytics/conversations.csv', { figure: 'missed' }],
    ] as const) {
      const res = await get(path, params, 'r_anna');
      expect(res.status, path).toBe(403);
      const body = await res.text();
      expect(JSON.parse(body).error.code).toBe('forbidden');
      for (const leak of ['Ben', 'r_ben', 'c_', 'conversations', '45'])
        expect(body, `${path} leaks ${leak}`).not.toContain(leak);
    }
  });

  it('refuses a caller without a valid token, and a bad query with its reason', async () => {
    expect((await get('/api/analytics/report', {})).status).toBe(401);
    const wrong = await get('/api/analytics/report', { tz: '+01:00' }, 'r_sara');
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toContain('tz: a time zone name like Europe/Rome');
    const long = await get('/api/analytics/report', { from: '2025-01-01', to: '2026-12-31' }, 'r_sara');
    expect((await long.json()).error.message).toBe('to: the range is longer than 366 days');
    expect((await get('/api/analytics/nonsense.csv', {}, 'r_sara')).status).toBe(404);
  });

  it('exports each table as CSV with the filters applied', async () => {
    const days = await csv('/api/analytics/days.csv', {});
    expect(days.map((d) => [d.day, d.conversations, d.first_response_median_s])).toEqual([
      ['2026-11-09', '2', '30'],
      ['2026-11-10', '4', '45'],
      ['2026-11-11', '5', '30'],
    ]);
    const reps = await csv('/api/analytics/reps.csv', { chatId: 'ch_help' }, 'r_alex');
    expect(reps).toEqual([
      {
        rep_id: 'r_anna',
        name: 'Anna',
        answered: '1',
        first_response_median_s: '10',
        first_response_p90_s: '10',
        handled: '1',
        handling_median_s: '1800',
        handling_p90_s: '1800',
        transfers: '0',
        offers_lapsed: '0',
        leads: '1',
      },
    ]);
    expect((await csv('/api/analytics/week.csv', {})).length).toBe(168);
    expect((await csv('/api/analytics/queues.csv', { channel: 'web' })).map((q) => [q.id, q.conversations])).toEqual([
      ['', '1'],
      ['q_sales', '5'],
      ['q_support', '4'],
    ]);
  });

  it('exports the conversations behind a figure, oldest first, local times in the chosen zone', async () => {
    const all = await csv('/api/analytics/conversations.csv', {});
    expect(all.map((c) => c.id)).toEqual(IN_RANGE);
    expect(all[1]).toMatchObject({
      opened: '2026-11-09 23:50:00',
      chat: 'Shop',
      queue: 'Sales',
      outcome: 'answered',
      first_rep: 'Ben',
      first_response_s: '60',
      handling_s: '1740',
    });
    expect((await csv('/api/analytics/conversations.csv', { figure: 'missed' })).map((c) => c.id)).toEqual([
      'c_missed',
    ]);
    expect((await csv('/api/analytics/conversations.csv', { figure: 'transferred' }))[0]).toMatchObject({
      id: 'c_transfer',
      transfers: '1',
      first_rep: 'Anna',
      owner: 'Ben',
    });
    expect((await csv('/api/analytics/conversations.csv', { figure: 'lead' })).map((c) => c.id)).toEqual([
      'c_bot_lead',
      'c_whatsapp',
    ]);
    expect(
      (await csv('/api/analytics/conversations.csv', { figure: 'all', day: '2026-11-10' })).map((c) => c.id),
    ).toEqual(['c_after_midnight', 'c_transfer', 'c_abandoned', 'c_missed']);
  });
});
