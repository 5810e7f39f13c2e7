import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HubEvent, Template } from '#protocol';
import { createDb, forgetInbox, getLastEventId, type ParleyDb } from '#utils/db';
import { applyEvents } from './apply-events';

/** Templates reach the worker as events and are kept in Dexie, so the composer has them offline. */
const template: Template = {
  id: 'tp1',
  chatId: 'chat-1',
  category: 'Orders',
  language: 'en',
  title: 'Status',
  text: 'Order {order.number}',
  updatedAt: '2026-11-21T10:00:00.000Z',
};
const at = '2026-11-21T10:00:00.000Z';
const saved = (id: number, t: Template): HubEvent => ({
  id,
  at,
  chatId: t.chatId,
  kind: 'template.saved',
  template: t,
});
const deleted = (id: number, templateId: string): HubEvent => ({
  id,
  at,
  chatId: 'chat-1',
  kind: 'template.deleted',
  templateId,
});

let db: ParleyDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = createDb(`templates-${crypto.randomUUID()}`);
});

describe('template events', () => {
  it('stores, replaces and drops templates, moving the resume point with them', async () => {
    await applyEvents(db, [saved(1, template), saved(2, { ...template, id: 'tp2', title: 'Other' })]);
    expect(await db.templates.where('chatId').equals('chat-1').count()).toBe(2);
    await applyEvents(db, [saved(3, { ...template, title: 'Order status' })]);
    expect(await db.templates.get('tp1')).toMatchObject({ title: 'Order status' });
    await applyEvents(db, [deleted(4, 'tp2')]);
    expect((await db.templates.toArray()).map((t) => t.id)).toEqual(['tp1']);
    expect(await getLastEventId(db)).toBe(4);
    // A replay of an older event changes nothing.
    await applyEvents(db, [saved(2, { ...template, id: 'tp2' })]);
    expect(await db.templates.count()).toBe(1);
  });

  it('forgets templates with the inbox, so a replay from the start rebuilds what the rep may see', async () => {
    await applyEvents(db, [saved(1, template)]);
    await forgetInbox(db);
    expect(await db.templates.count()).toBe(0);
    expect(await getLastEventId(db)).toBe(0);
  });
});
