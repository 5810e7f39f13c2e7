import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsQuery } from '#protocol';
import { EMPTY_FIGURES, figuresBy, figuresPerDay, totals, weekHours } from '#hub/analytics/figures';
import { analyticsReport } from '#hub/analytics/report';
import { listConversations } from '#hub/analytics/list';
import { repFigures } from '#hub/analytics/reps';
import type { Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';
import { ANALYTICS_TZ, IN_RANGE, RANGE, writeAnalyticsDataset } from './analytics-dataset';
import { BACKENDS, openTestDb } from './support';
import { NO_BOT_OUTCOMES } from '../fixtures/analytics-figures';

/**
 * Every analytics figure (FEATURES H4) against answers worked out by hand from the dataset in
 * analytics-dataset.ts, on both databases. Times in whole seconds. Percentiles are percentile_disc: the
 * smallest time that at least that share of the conversations did not exceed.
 */
const Q: AnalyticsQuery = { ...RANGE, tz: ANALYTICS_TZ };
const s = (seconds: number) => seconds;

describe.each(BACKENDS)('analytics figures on %s', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(backend);
    await migrate(db);
    await writeAnalyticsDataset(db);
  });
  afterAll(() => db?.close());

  it('counts the eleven conversations opened Monday to Wednesday in Rome, each in exactly one outcome class', async () => {
    // In: morning, midnight, after-midnight, transfer, abandoned, missed, four bot ones, whatsapp.
    // Out: "before" (Sunday 23:59:59 in Rome) and "after" (Thursday 00:00 in Rome).
    expect(await totals(db, Q)).toEqual({
      conversations: 11,
      answered: 7, // morning, midnight, after-midnight, transfer, bot-person, bot-customer, whatsapp
      missed: 1, // the visitor left before anyone joined; anna's later take does not make it answered
      abandoned: 1,
      unanswered: 2, // bot-lead (waiting), bot-running (held by the bot)
      // waits of the answered: 10, 30, 30, 45, 60, 120, 180 s → 4th of 7 is the median, the 7th the 90th percentile
      firstResponse: { median: s(45), p90: s(180) },
      // joined and closed: morning 600, missed 600, transfer 1080, midnight 1740, whatsapp 1800 s
      handled: 5,
      handling: { median: s(1080), p90: s(1800) },
      transfers: 1,
      offersLapsed: 2, // abandoned: anna's and ben's ("before"'s lapse is out of range)
      leads: 2, // the bot's (bot-lead) and anna's (whatsapp); the shop's person is not from chat
      bot: {
        started: 4,
        customerRouted: 1,
        pointedElsewhere: 0,
        qualified: 1,
        leadCreated: 1,
        askedForPerson: 1,
        unfinished: 1,
      },
    });
  });

  it('puts a conversation on the local day it was opened: the one spanning midnight on Monday, 00:30 on Tuesday', async () => {
    const days = await figuresPerDay(db, Q);
    expect(days.map((d) => [d.day, d.conversations, d.answered, d.missed, d.abandoned, d.unanswered])).toEqual([
      ['2026-11-09', 2, 2, 0, 0, 0],
      ['2026-11-10', 4, 2, 1, 1, 0],
      ['2026-11-11', 5, 3, 0, 0, 2],
    ]);
    expect(days.map((d) => d.firstResponse)).toEqual([
      { median: s(30), p90: s(60) }, // 30, 60
      { median: s(45), p90: s(120) }, // 45, 120
      { median: s(30), p90: s(180) }, // 10, 30, 180
    ]);
    expect(days[0].handling).toEqual({ median: s(600), p90: s(1740) });
  });

  it('reads the same rows in UTC differently: 00:30 in Rome is Monday in UTC, and Thursday 00:00 in Rome is Wednesday', async () => {
    const days = await figuresPerDay(db, { ...Q, tz: 'UTC' });
    expect(days.map((d) => [d.day, d.conversations])).toEqual([
      ['2026-11-09', 3],
      ['2026-11-10', 3],
      ['2026-11-11', 6],
    ]);
  });

  it('fills days without conversations with zeros', async () => {
    const days = await figuresPerDay(db, { ...Q, from: '2026-11-12', to: '2026-11-13' });
    expect(days).toHaveLength(2);
    expect(days[1]).toMatchObject({
      day: '2026-11-13',
      conversations: 0,
      firstResponse: { median: null, p90: null },
      bot: NO_BOT_OUTCOMES,
    });
  });

  it('counts each hour of the week in local time, all 168 of them', async () => {
    const week = await weekHours(db, Q);
    expect(week).toHaveLength(168);
    expect(week[0]).toEqual({ dow: 1, hour: 0, conversations: 0 });
    const busy = week.filter((h) => h.conversations > 0).map((h) => [h.dow, h.hour, h.conversations]);
    expect(busy).toEqual([
      [1, 9, 1],
      [1, 23, 1],
      [2, 0, 1],
      [2, 10, 1],
      [2, 11, 1],
      [2, 12, 1],
      [3, 8, 1],
      [3, 9, 1],
      [3, 13, 1],
      [3, 14, 1],
      [3, 16, 1],
    ]);
  });

  it('gives each rep their part: who answered first, who closed, transfers away, lapsed offers, leads', async () => {
    expect(await repFigures(db, Q)).toEqual([
      {
        repId: 'r_anna',
        name: 'Anna',
        answered: 4,
        firstResponse: { median: s(30), p90: s(120) }, // morning 30, transfer 120, bot-customer 30, whatsapp 10
        handled: 3,
        handling: { median: s(600), p90: s(1800) }, // morning 600, missed 600, whatsapp 1800
        transfers: 1,
        offersLapsed: 1,
        leads: 1,
      },
      {
        repId: 'r_ben',
        name: 'Ben',
        answered: 3,
        firstResponse: { median: s(60), p90: s(180) }, // midnight 60, after-midnight 45, bot-person 180
        handled: 2,
        handling: { median: s(1080), p90: s(1740) }, // transfer 1080, midnight 1740
        transfers: 0,
        offersLapsed: 1,
        leads: 0,
      },
    ]);
  });

  it('narrowed to a rep: the conversations they took part in, and only their own transfers, lapses and leads', async () => {
    const anna = await totals(db, { ...Q, repId: 'r_anna' });
    // morning, transfer, abandoned (her offer lapsed), missed, bot-customer, whatsapp
    expect(anna).toMatchObject({
      conversations: 6,
      answered: 4,
      missed: 1,
      abandoned: 1,
      unanswered: 0,
      transfers: 1,
      offersLapsed: 1,
      leads: 1,
    });
    expect(anna.bot).toEqual({ ...NO_BOT_OUTCOMES, started: 1, customerRouted: 1 });
    expect(await repFigures(db, { ...Q, repId: 'r_ben' })).toHaveLength(1);
    // A rep with no part in the range still gets their (empty) row when asked for.
    expect(await repFigures(db, { ...Q, repId: 'r_sara' })).toEqual([
      {
        repId: 'r_sara',
        name: 'Sara',
        answered: 0,
        firstResponse: { median: null, p90: null },
        handled: 0,
        handling: { median: null, p90: null },
        transfers: 0,
        offersLapsed: 0,
        leads: 0,
      },
    ]);
  });

  it('breaks the range down by chat, queue and channel; a held conversation has no queue', async () => {
    const pick = (rows: Awaited<ReturnType<typeof figuresBy>>) =>
      rows.map((r) => [r.id, r.name, r.conversations, r.answered]);
    expect(pick(await figuresBy(db, Q, 'chat'))).toEqual([
      ['ch_help', 'Help desk', 1, 1],
      ['ch_shop', 'Shop', 10, 6],
    ]);
    expect(pick(await figuresBy(db, Q, 'queue'))).toEqual([
      ['', '', 1, 0],
      ['q_help', 'Help', 1, 1],
      ['q_sales', 'Sales', 5, 3],
      ['q_support', 'Support', 4, 3],
    ]);
    expect(pick(await figuresBy(db, Q, 'channel'))).toEqual([
      ['web', 'web', 10, 6],
      ['whatsapp', 'whatsapp', 1, 1],
    ]);
  });

  it('filters by chat, queue and channel', async () => {
    expect(await totals(db, { ...Q, chatId: 'ch_help' })).toMatchObject({
      conversations: 1,
      leads: 1,
      handling: { median: s(1800), p90: s(1800) },
    });
    expect(await totals(db, { ...Q, queueId: 'q_sales' })).toMatchObject({
      conversations: 5,
      answered: 3,
      abandoned: 1,
      unanswered: 1,
      transfers: 1,
      offersLapsed: 2,
      leads: 1,
    });
    expect(await totals(db, { ...Q, channel: 'whatsapp' })).toMatchObject({ conversations: 1, answered: 1 });
    expect(await totals(db, { ...Q, channel: 'sms' })).toMatchObject({
      conversations: 0,
      firstResponse: { median: null, p90: null },
    });
  });

  it('reads the whole screen with each table as it reads alone, the totals and four tables in one statement', async () => {
    const report = await analyticsReport(db, Q);
    expect(report.totals).toEqual(await totals(db, Q));
    expect(report.totals).toMatchObject({
      conversations: 11,
      answered: 7,
      firstResponse: { median: s(45), p90: s(180) },
    });
    expect(report.days).toEqual(await figuresPerDay(db, Q));
    expect(report.days.map((d) => d.conversations)).toEqual([2, 4, 5]);
    expect(report.chats).toEqual(await figuresBy(db, Q, 'chat'));
    expect(report.chats.map((r) => [r.id, r.conversations])).toEqual([
      ['ch_help', 1],
      ['ch_shop', 10],
    ]);
    expect(report.queues).toEqual(await figuresBy(db, Q, 'queue'));
    expect(report.channels).toEqual(await figuresBy(db, Q, 'channel'));
    expect(report.week).toEqual(await weekHours(db, Q));
    expect(report.reps).toEqual(await repFigures(db, Q));
  });

  it('reads a range with no conversation as zeros and no table rows', async () => {
    const report = await analyticsReport(db, { ...Q, channel: 'sms' });
    expect(report.totals).toEqual(EMPTY_FIGURES);
    expect(report.days).toEqual([
      { day: '2026-11-09', ...EMPTY_FIGURES },
      { day: '2026-11-10', ...EMPTY_FIGURES },
      { day: '2026-11-11', ...EMPTY_FIGURES },
    ]);
    expect([report.chats, report.queues, report.channels, report.reps]).toEqual([[], [], [], []]);
  });

  it('lists the conversations behind a figure in keyset pages with no row repeated or lost, even when opened in the same millisecond', async () => {
    await db.query(`update conversations set created_at = '2026-11-10T09:00:00.000100Z' where id = 'c_abandoned'`);
    await db.query(`update conversations set created_at = '2026-11-10T09:00:00.000200Z' where id = 'c_missed'`);
    await db.query(`update conversations set created_at = '2026-11-10T09:00:00Z' where id = 'c_transfer'`);
    const pages = [];
    for await (const page of listConversations(db, { ...Q, figure: 'all' }, 2)) pages.push(page.map((c) => c.id));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 2, 1]);
    expect(pages.flat()).toEqual(IN_RANGE);
  });
});
