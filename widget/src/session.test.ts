import { describe, expect, it } from 'vitest';
import type { VisitorMessage, VisitorServerFrame } from '#protocol/visitor';
import { PROTOCOL_VERSION } from '#protocol/version';
import { translator } from './i18n';
import { initialSession, queueText, reduce, viewModel, type SessionEvent, type SessionState } from './session';

const t = translator('en');
type Welcome = Extract<VisitorServerFrame, { type: 'welcome' }>;
const welcome = (over: Partial<Welcome> = {}): Welcome => ({
  type: 'welcome',
  v: PROTOCOL_VERSION,
  visitorId: 'v_1',
  conversationId: 'conv-1',
  messages: [],
  availability: 'open',
  queue: null,
  ...over,
});
const message = (author: VisitorMessage['author']): SessionEvent => ({
  type: 'message',
  message: { id: 'm-1', clientId: null, author, authorName: null, text: 'hi', createdAt: '2026-01-01T00:00:00.000Z' },
});
const online: SessionEvent = { type: 'status', status: 'online' };

/** Folds events from the initial state and returns what the panel would show. */
function show(...events: SessionEvent[]) {
  return viewModel(fold(events), t);
}
function fold(events: SessionEvent[], from: SessionState = initialSession): SessionState {
  return events.reduce(reduce, from);
}

describe('availability', () => {
  it('open: the composer and no notice', () => {
    expect(show(online, welcome())).toEqual({ visible: true, notice: null, queue: null, input: 'composer' });
  });

  it('closed: the offline form, then the thanks once sent, back to the composer when hours open', () => {
    const closed = [online, welcome({ availability: 'closed' })];
    expect(show(...closed).input).toBe('offline');
    expect(show(...closed, { type: 'offlineSent' }).input).toBe('offlineThanks');
    // A reconnect while still closed keeps the thanks; opening hours bring the composer back.
    expect(
      show(
        ...closed,
        { type: 'offlineSent' },
        { type: 'status', status: 'offline' },
        online,
        welcome({ availability: 'closed' }),
      ).input,
    ).toBe('offlineThanks');
    expect(show(...closed, { type: 'offlineSent' }, { type: 'availability', availability: 'open' }).input).toBe(
      'composer',
    );
  });

  it('unavailable: a notice, and sending still works', () => {
    const vm = show(online, welcome({ availability: 'unavailable' }));
    expect(vm.notice).toBe("No one is available right now. Leave a message and we'll get back to you.");
    expect(vm.input).toBe('composer');
    expect(show(online, welcome(), { type: 'availability', availability: 'unavailable' }).notice).toBe(vm.notice);
    expect(
      show(online, welcome({ availability: 'unavailable' }), { type: 'availability', availability: 'open' }).notice,
    ).toBeNull();
  });

  it('connection trouble outranks the availability notice', () => {
    expect(show(online, welcome({ availability: 'unavailable' }), { type: 'status', status: 'offline' }).notice).toBe(
      'Reconnecting…',
    );
    expect(show().notice).toBe('Connecting…');
  });
});

describe('queue', () => {
  it('shows position and wait from welcome and live frames, hides on null', () => {
    expect(show(online, welcome({ queue: { position: 3, expectedWaitMs: 240_000 } })).queue).toBe(
      'You are number 3 in the queue. Expected wait: about 4 min.',
    );
    const waiting = [
      online,
      welcome(),
      { type: 'queue', queue: { position: 2, expectedWaitMs: null } } as SessionEvent,
    ];
    expect(show(...waiting).queue).toBe('You are number 2 in the queue.');
    expect(show(...waiting, { type: 'queue', queue: null }).queue).toBeNull();
  });

  it('rounds the wait up to whole minutes, never below 1', () => {
    expect(queueText({ position: 1, expectedWaitMs: 0 }, t)).toBe(
      'You are number 1 in the queue. Expected wait: about 1 min.',
    );
    expect(queueText({ position: 1, expectedWaitMs: 60_001 }, t)).toBe(
      'You are number 1 in the queue. Expected wait: about 2 min.',
    );
    expect(queueText({ position: 5, expectedWaitMs: 120_000 }, translator('de'))).toBe(
      'Sie sind Nummer 5 in der Warteschlange. Voraussichtliche Wartezeit: etwa 2 Min.',
    );
  });

  it('is not shown outside business hours', () => {
    expect(
      show(online, welcome({ availability: 'closed', queue: { position: 1, expectedWaitMs: 1000 } })).queue,
    ).toBeNull();
  });
});

describe('ended', () => {
  const ended: SessionEvent = { type: 'ended', reason: 'ended' };

  it('shows the notice, drops the queue line and keeps the composer', () => {
    const vm = show(online, welcome({ queue: { position: 1, expectedWaitMs: null } }), ended);
    expect(vm).toEqual({ visible: true, notice: 'The conversation has ended.', queue: null, input: 'composer' });
  });

  it('clears when the visitor writes again or a rep answers in the next conversation', () => {
    expect(show(online, welcome(), ended, { type: 'sent' }).notice).toBeNull();
    expect(show(online, welcome(), ended, message('rep')).notice).toBeNull();
    expect(show(online, welcome(), ended, message('visitor')).notice).toBe('The conversation has ended.');
  });

  it('survives a reconnect to the same (or no) conversation, not to a new one', () => {
    const before = [
      online,
      welcome({ conversationId: 'conv-1' }),
      ended,
      { type: 'status', status: 'offline' } as SessionEvent,
      online,
    ];
    expect(show(...before, welcome({ conversationId: 'conv-1' })).notice).toBe('The conversation has ended.');
    expect(show(...before, welcome({ conversationId: null })).notice).toBe('The conversation has ended.');
    expect(show(...before, welcome({ conversationId: 'conv-2' })).notice).toBeNull();
  });
});

describe('blocked', () => {
  const blocked: SessionEvent = { type: 'ended', reason: 'blocked' };

  it('says so (over the stopped connection), without any input, then hides everything', () => {
    const noticed = [
      online,
      welcome({ queue: { position: 1, expectedWaitMs: null } }),
      blocked,
      { type: 'status', status: 'stopped' } as SessionEvent,
    ];
    expect(show(...noticed)).toEqual({
      visible: true,
      notice: 'This conversation has been suspended.',
      queue: null,
      input: 'none',
    });
    expect(show(...noticed, { type: 'hide' })).toEqual({ visible: false, notice: null, queue: null, input: 'none' });
  });

  it('also when it comes instead of a welcome', () => {
    expect(show(blocked, { type: 'status', status: 'stopped' }, { type: 'hide' }).visible).toBe(false);
  });

  it('nothing afterwards brings the widget back on this page view', () => {
    const later: SessionEvent[] = [
      online,
      welcome(),
      { type: 'availability', availability: 'open' },
      { type: 'sent' },
      message('rep'),
    ];
    expect(show(blocked, { type: 'hide' }, ...later).visible).toBe(false);
    expect(show(blocked, ...later).input).toBe('none');
  });

  it('a plain end never hides the widget', () => {
    expect(show(online, welcome(), { type: 'ended', reason: 'ended' }, { type: 'hide' }).visible).toBe(true);
  });
});

describe('reduce', () => {
  it('returns the same state for frames it does not care about', () => {
    const s = fold([online, welcome()]);
    expect(reduce(s, { type: 'pong', t: 1 })).toBe(s);
    expect(reduce(s, { type: 'ack', clientId: 'client-0001', messageId: 'm-1' })).toBe(s);
    expect(reduce(s, { type: 'identified', email: 'a@b.test' })).toBe(s);
  });
});
