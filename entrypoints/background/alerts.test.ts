import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  chatAlertsItem,
  customSoundItem,
  notificationsEnabledItem,
  soundChoiceItem,
  soundsEnabledItem,
} from '#utils/settings';
import { closingSoonText, createAlerts, firstWords, senderOf } from './alerts';
import { conversation } from './fake-hub.testing';

const resolve = (path: string) => `chrome-extension://parley${path}`;
let playSound: ReturnType<typeof vi.fn>;
let notify: ReturnType<typeof vi.fn>;
let alerts: ReturnType<typeof createAlerts>;

beforeEach(() => {
  fakeBrowser.reset();
  playSound = vi.fn(async () => {});
  notify = vi.fn(async () => {});
  alerts = createAlerts({ playSound, notify }, resolve);
});

describe('new-chat alerts', () => {
  it('plays the chosen sound once per batch and notifies each conversation with sender and first words', async () => {
    await soundChoiceItem.setValue('bell');
    const words = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    await alerts.newPending([
      conversation('c1', 'pending', null, { visitorName: 'Jana Nováková', lastMessagePreview: words }),
      conversation('c2', 'pending', null, {
        visitorEmail: 'max@example.com',
        lastMessagePreview: 'Do you ship to Austria?',
      }),
      conversation('c3', 'pending', null, { lastMessagePreview: 'Hi' }),
    ]);
    expect(playSound).toHaveBeenCalledTimes(1);
    expect(playSound).toHaveBeenCalledWith('chrome-extension://parley/sounds/bell.wav');
    expect(notify.mock.calls).toEqual([
      ['parley-pending:c1', { title: 'New chat: Jana Nováková', message: 'w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11…' }],
      ['parley-pending:c2', { title: 'New chat: max@example.com', message: 'Do you ship to Austria?' }],
      ['parley-pending:c3', { title: 'New chat: Visitor', message: 'Hi' }],
    ]);
  });

  it('stays silent with sounds off, and shows nothing with notifications off', async () => {
    await soundsEnabledItem.setValue(false);
    await alerts.newPending([conversation('c1', 'pending')]);
    expect(playSound).not.toHaveBeenCalled();
    expect(notify).toHaveBeenCalledTimes(1);
    await soundsEnabledItem.setValue(true);
    await notificationsEnabledItem.setValue(false);
    await alerts.newPending([conversation('c2', 'pending')]);
    expect(playSound).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it("follows each chat's own settings (FEATURES B6): a silenced chat neither sounds nor notifies", async () => {
    await chatAlertsItem.setValue({
      'chat-quiet': { sound: false, notification: false },
      'chat-silent': { sound: false, notification: true },
    });
    await alerts.newPending([conversation('q1', 'pending', null, { chatId: 'chat-quiet' })]);
    expect(playSound).not.toHaveBeenCalled();
    expect(notify).not.toHaveBeenCalled();
    await alerts.newPending([conversation('s1', 'pending', null, { chatId: 'chat-silent' })]);
    expect(playSound).not.toHaveBeenCalled();
    expect(notify).toHaveBeenCalledTimes(1);
    await alerts.newPending([
      conversation('q2', 'pending', null, { chatId: 'chat-quiet' }),
      conversation('d1', 'pending'),
    ]);
    expect(playSound).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls.map(([id]) => id)).toEqual(['parley-pending:s1', 'parley-pending:d1']);
  });

  it('does nothing for an empty batch', async () => {
    await alerts.newPending([]);
    expect(playSound).not.toHaveBeenCalled();
    expect(notify).not.toHaveBeenCalled();
  });

  it("plays the rep's own sound when chosen, and the chime when none was saved", async () => {
    await soundChoiceItem.setValue('custom');
    await alerts.newPending([conversation('c1', 'pending')]);
    expect(playSound).toHaveBeenLastCalledWith('chrome-extension://parley/sounds/chime.wav');
    await customSoundItem.setValue({ name: 'moo.ogg', dataUrl: 'data:audio/ogg;base64,AAAA' });
    await alerts.newPending([conversation('c2', 'pending')]);
    expect(playSound).toHaveBeenLastCalledWith('data:audio/ogg;base64,AAAA');
  });

  it('keeps alerting when the sound fails', async () => {
    playSound.mockRejectedValue(new Error('no offscreen'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await alerts.newPending([conversation('c1', 'pending')]);
    expect(notify).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});

describe('closing warning', () => {
  it('notifies with the chat name and closing time', async () => {
    const closesAt = new Date(2026, 0, 5, 18, 0).toISOString();
    await alerts.closingSoon({ chatId: 'chat-1', chatName: 'Demo shop', closesAt });
    expect(notify).toHaveBeenCalledWith('parley-closing:chat-1', {
      title: 'Chat closing soon',
      message: expect.stringMatching(/^Demo shop closes at (18[:.]00|06:00\sPM) — you have active conversations\.$/),
    });
    expect(closingSoonText({ chatName: 'X', closesAt })).toContain('X closes at');
  });
});

describe('text helpers', () => {
  it('cuts a message to its first words and names the sender', () => {
    expect(firstWords('  one   two three ', 2)).toBe('one two…');
    expect(firstWords('one two', 2)).toBe('one two');
    expect(senderOf({ visitorName: ' ', visitorEmail: null })).toBe('Visitor');
  });
});
