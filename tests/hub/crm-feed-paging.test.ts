import { describe, expect, it } from 'vitest';
import { CRM_LIMITS } from '#protocol';
import { anna, t, useCrmHub } from './crm-hub';
import { crm } from './crm-support';
import { BACKENDS } from './support';

/**
 * The record's activity feed pages (FEATURES E9) through a real hub on both databases: the "load more"
 * cursor must keep the database's microseconds, or rows written in the millisecond of a page's last
 * row fall between the pages.
 */
describe.each(BACKENDS)('feed paging on %s', (backend) => {
  useCrmHub(backend);

  it('returns every note written within one millisecond across a page boundary exactly once, newest first', async () => {
    const total = CRM_LIMITS.feedPage * 2 + 5;
    // One note per microsecond, all in the same millisecond; the ids run against the times so only the time orders them.
    await t.db.query(
      `insert into crm_activity (id, contact_id, type, title, at)
       select 'ac_same_ms_' || lpad((${total} - i)::text, 4, '0'), 'cu_1', 'note', 'note ' || i,
              '2026-01-01T09:00:00.100000Z'::timestamptz + i * interval '1 microsecond'
         from generate_series(0, ${total - 1}) i`,
    );
    const seen: string[] = [];
    let before = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: any = await crm(anna, { op: 'feed', contactId: 'cu_1', types: ['note'], before });
      seen.push(...page.items.filter((i: any) => i.id.startsWith('ac_same_ms_')).map((i: any) => i.title));
      before = page.next;
      if (!before) break;
    }
    expect(before).toBeNull();
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => `note ${total - 1 - i}`));
  });
});
