import { describe, expect, it } from 'vitest';
import { ORIGIN_LIMITS, type AdminChat } from '#protocol';
import { chatDraftFrom, queueDraftFrom, toChatSettings, toQueueSettings } from './settings-form';

const CHAT: AdminChat = {
  id: 'ch_demo',
  key: 'demo',
  name: 'Demo shop',
  hours: { timezone: 'Europe/Rome', weekly: { mon: [{ from: '09:00', to: '17:00' }] } },
  queues: [],
  fileMaxBytes: 10_485_760,
  sneakPeek: true,
  allowedOrigins: ['https://shop.example'],
  identityVerification: false,
};
const QUEUE = {
  id: 'q1',
  name: 'Sales',
  strategy: 'ring' as const,
  ringSize: 2,
  offerTimeoutSeconds: 30,
  defaultCapacity: 3,
  members: [{ repId: 'rep-anna', capacity: 5 }],
};
const REPS = [
  { id: 'rep-anna', name: 'Anna', extension: '201', status: 'online' as const },
  { id: 'rep-ben', name: 'Ben Novak', extension: '202', status: 'away' as const },
];

describe('chat settings form', () => {
  it('saves sneak peek off and the file limit in bytes; a limit out of range is refused beside its field', () => {
    const draft = { ...chatDraftFrom(CHAT), sneakPeek: false, fileMaxMb: 2.5 as number | '' };
    expect(toChatSettings(draft)).toMatchObject({ ok: true, value: { sneakPeek: false, fileMaxBytes: 2_621_440 } });
    for (const bad of [0, 51, ''] as const) {
      expect(toChatSettings({ ...draft, fileMaxMb: bad })).toEqual({
        ok: false,
        errors: { fileMaxBytes: 'Enter a whole number from 1–50.' },
      });
    }
  });

  it('saves allowed origins one per line, normalized; a path or too many are refused beside the box', () => {
    const draft = { ...chatDraftFrom(CHAT), allowedOrigins: ' https://Shop.example/ \n\nhttp://127.0.0.1:8080\n' };
    expect(toChatSettings(draft)).toMatchObject({
      ok: true,
      value: { allowedOrigins: ['https://shop.example', 'http://127.0.0.1:8080'] },
    });
    expect(toChatSettings({ ...draft, allowedOrigins: '' })).toMatchObject({ ok: true, value: { allowedOrigins: [] } });
    expect(toChatSettings({ ...draft, allowedOrigins: 'https://shop.example/cart' })).toEqual({
      ok: false,
      errors: { allowedOrigins: expect.stringContaining('https://shop.example/cart') },
    });
    expect(toChatSettings({ ...draft, allowedOrigins: 'ftp://shop.example' })).toMatchObject({
      ok: false,
      errors: { allowedOrigins: expect.any(String) },
    });
    const many = Array.from(
      { length: ORIGIN_LIMITS.allowedOriginsPerChat + 1 },
      (_, i) => `https://s${i}.example`,
    ).join('\n');
    expect(toChatSettings({ ...draft, allowedOrigins: many })).toEqual({
      ok: false,
      errors: { allowedOrigins: `At most ${ORIGIN_LIMITS.allowedOriginsPerChat} websites.` },
    });
  });

  it('round-trips a chat: drafts from the hub, saves the same shape back', () => {
    const draft = chatDraftFrom(CHAT);
    expect(draft.days.tue).toEqual([]);
    expect(draft).toMatchObject({ sneakPeek: true, fileMaxMb: 10 });
    expect(toChatSettings(draft)).toEqual({
      ok: true,
      value: {
        name: 'Demo shop',
        hours: CHAT.hours,
        sneakPeek: true,
        fileMaxBytes: 10_485_760,
        allowedOrigins: ['https://shop.example'],
      },
    });
  });

  it('"Always open" saves null hours, whatever the ranges say', () => {
    const draft = { ...chatDraftFrom(CHAT), alwaysOpen: true, timezone: 'Not/AZone' };
    expect(toChatSettings(draft)).toEqual({
      ok: true,
      value: {
        name: 'Demo shop',
        hours: null,
        sneakPeek: true,
        fileMaxBytes: 10_485_760,
        allowedOrigins: ['https://shop.example'],
      },
    });
  });

  it('maps every schema complaint to a sentence beside its field', () => {
    const draft = chatDraftFrom(CHAT);
    draft.name = '   ';
    draft.timezone = 'Mars/Olympus';
    draft.days.mon = [{ from: '18:00', to: '09:00' }];
    draft.days.tue = [{ from: '9am', to: '17:00' }];
    const result = toChatSettings(draft);
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Enter a name.',
        'hours.timezone': 'Unknown time zone; use a name like Europe/Rome.',
        'hours.weekly.mon.0': 'The opening time must be before the closing time.',
        'hours.weekly.tue.0.from': 'Enter a time as HH:MM.',
      },
    });
  });
});

describe('queue settings form', () => {
  it('lists every rep, ticks members and keeps their capacity overrides', () => {
    const draft = queueDraftFrom(QUEUE, REPS);
    expect(draft.members).toEqual([
      { repId: 'rep-anna', name: 'Anna', member: true, capacity: 5 },
      { repId: 'rep-ben', name: 'Ben Novak', member: false, capacity: '' },
    ]);
    draft.members[1].member = true;
    const { id: _id, ...settings } = QUEUE;
    expect(toQueueSettings(draft)).toEqual({
      ok: true,
      value: {
        ...settings,
        members: [
          { repId: 'rep-anna', capacity: 5 },
          { repId: 'rep-ben', capacity: null },
        ],
      },
    });
  });

  it('quotes the allowed range for emptied, fractional or out-of-range numbers', () => {
    const draft = queueDraftFrom(QUEUE, REPS);
    draft.ringSize = '';
    draft.offerTimeoutSeconds = 2;
    draft.defaultCapacity = 1.5;
    draft.members[0].capacity = 500;
    const result = toQueueSettings(draft);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      ringSize: 'Enter a whole number from 1–50.',
      offerTimeoutSeconds: 'Enter a whole number from 5–3600.',
      defaultCapacity: 'Enter a whole number from 1–100.',
      'members.0.capacity': 'Enter a whole number from 1–100.',
    });
  });
});
