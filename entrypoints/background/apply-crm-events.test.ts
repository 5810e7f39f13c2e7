import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CrmNotification, HubEvent } from '#protocol';
import { createDb, type ParleyDb } from '#utils/db';
import { notificationsEnabledItem } from '#utils/settings';
import { createAlerts } from './alerts';
import { applyEvents } from './apply-events';
import { conversationOf } from './notifications';

const notice = (id: string, reason: CrmNotification['reason'], conversationId: string | null): CrmNotification => ({
  id,
  reason,
  contact: { id: 'ct-1', name: 'Lia Rossi' },
  from: { id: 'rep-ben', name: 'Ben' },
  text: 'Wants a quote for 12 chairs',
  conversationId,
  createdAt: '2026-11-21T10:00:00.000Z',
});
const crmEvent = (id: number, n: CrmNotification): HubEvent => ({
  id,
  at: n.createdAt,
  chatId: 'chat-1',
  kind: 'crm.notification',
  notification: n,
});

let db: ParleyDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = createDb(`crm-${crypto.randomUUID()}`);
});

describe('CRM notifications (FEATURES E5, E6)', () => {
  it('are stored undismissed once each, and reported for the alerts', async () => {
    const reported: CrmNotification[] = [];
    await applyEvents(
      db,
      [crmEvent(1, notice('n1', 'sales', 'c1')), crmEvent(2, notice('n2', 'lead_assigned', null))],
      [],
      reported,
    );
    // A replay of the same events changes nothing and reports nothing again.
    const again: CrmNotification[] = [];
    await applyEvents(db, [crmEvent(1, notice('n1', 'sales', 'c1'))], [], again);
    expect(reported.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(again).toEqual([]);
    expect((await db.crmNotices.where('dismissed').equals(0).toArray()).map((n) => n.id).sort()).toEqual(['n1', 'n2']);
  });

  it('become browser notifications naming who and whom; a click opens the conversation', async () => {
    const notify = vi.fn(async () => {});
    const alerts = createAlerts({ playSound: async () => {}, notify }, (p) => p);
    await alerts.crmNotices([notice('n1', 'sales', 'c1'), notice('n2', 'lead_assigned', null)]);
    expect(notify).toHaveBeenCalledTimes(2);
    const [[firstId, first], [secondId, second]] = notify.mock.calls as unknown as [
      string,
      { title: string; message: string },
    ][];
    expect(first.title).toBe('Ben notified you about Lia Rossi');
    expect(first.message).toBe('Wants a quote for 12 chairs');
    expect(second.title).toBe('Ben gave you the lead Lia Rossi');
    expect(conversationOf(firstId)).toBe('c1');
    expect(conversationOf(secondId)).toBeNull();
  });

  it('show no browser notification when the rep switched them off', async () => {
    await notificationsEnabledItem.setValue(false);
    const notify = vi.fn(async () => {});
    await createAlerts({ playSound: async () => {}, notify }, (p) => p).crmNotices([notice('n1', 'sales', 'c1')]);
    expect(notify).not.toHaveBeenCalled();
  });
});
