import { describe, expect, it } from 'vitest';
import { loginAs } from './support';
import { admin, configure, conversationOf, getBot, putBot, runOf, t, useBotHub, visitor } from './bot.harness';

/** The routing bot in a real hub (FEATURES F1, F4): where it must stay silent, and who may change its settings. */

useBotHub();

describe('routing bot stays silent', () => {
  it('on an ongoing conversation (started before the bot was turned on)', async () => {
    await configure((c) => ({ ...c, enabled: false }));
    const v = await visitor('en');
    await v.say('Before the bot');
    await configure((c) => c);
    await v.say('After the bot was turned on');
    const conv = await conversationOf(v.id);
    expect(await runOf(conv.id)).toBeUndefined();
    expect(conv).toMatchObject({ queue_id: 'q_demo' });
    const bodies = await t.db.query<{ author: string }>('select author from messages where conversation_id = $1', [
      conv.id,
    ]);
    expect(bodies.map((b) => b.author)).toEqual(['visitor', 'visitor']);
    v.ws.close();
  });

  it('for an identified visitor (gave an email before writing)', async () => {
    await configure((c) => c);
    const v = await visitor('it');
    v.ws.send({ type: 'identify', email: 'known@example.test' });
    await v.ws.next((f) => f.type === 'identified');
    await v.say('Ciao');
    const conv = await conversationOf(v.id);
    expect(await runOf(conv.id)).toBeUndefined();
    expect(conv).toMatchObject({ status: 'pending', queue_id: 'q_demo' });
    v.ws.close();
  });

  it('but not for a visitor who gave only a name: they are still anonymous (no email), so the bot greets them', async () => {
    await configure((c) => c);
    const v = await visitor('cs');
    v.ws.send({ type: 'identify', name: 'Jana' });
    expect(await v.ws.next((f) => f.type === 'identified')).toEqual({ type: 'identified', name: 'Jana' });
    await v.say('Ahoj');
    const conv = await conversationOf(v.id);
    expect(await runOf(conv.id)).toBeDefined();
    expect((await t.db.query('select name, email from visitors where id = $1', [v.id]))[0]).toEqual({
      name: 'Jana',
      email: null,
    });
    v.ws.close();
  });

  it('when turned off for the chat', async () => {
    await configure((c) => ({ ...c, enabled: false }));
    const v = await visitor('de');
    await v.say('Hallo');
    expect(await runOf((await conversationOf(v.id)).id)).toBeUndefined();
    v.ws.close();
  });

  it('refuses a button it is not offering, and a button with no bot running; nothing is stored', async () => {
    await configure((c) => c);
    const v = await visitor('pl');
    expect(await v.press('yes')).toMatchObject({ type: 'error', code: 'conflict' });
    await v.say('Cześć');
    await v.botLine();
    await v.press('no');
    await v.botLine();
    expect(await v.press('yes')).toMatchObject({ type: 'error', code: 'conflict' });
    const conv = await conversationOf(v.id);
    expect(
      (await t.db.query('select 1 from messages where conversation_id = $1 and author = $2', [conv.id, 'visitor']))
        .length,
    ).toBe(2);
    v.ws.close();
  });
});

describe('bot settings REST (super users only)', () => {
  it('refuses reps and supervisors, bad bodies and unknown targets, and changes nothing', async () => {
    await configure((c) => c);
    const before = await getBot();
    const rep = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    const observer = (await loginAs(t.hub.url, 'sara@demo.parley.test')).body.token;
    expect((await putBot({ ...before, enabled: false }, rep)).status).toBe(403);
    expect((await putBot({ ...before, enabled: false }, observer)).status).toBe(403);
    expect(
      (await fetch(`${t.hub.url}/api/admin/chats/ch_demo/bot`, { headers: { authorization: `Bearer ${rep}` } })).status,
    ).toBe(403);
    const bad: Array<[unknown, number]> = [
      [{ ...before, wording: { ...before.wording, yes: { ...before.wording.yes, cs: '  ' } } }, 400],
      [{ ...before, questions: [before.questions[0], before.questions[0]] }, 400],
      [{ ...before, customerRoute: { kind: 'queue', queueId: 'q_nowhere' } }, 400],
      [{ ...before, customerRoute: { kind: 'rep', repId: 'r_sara' } }, 400],
      [{ ...before, followUp: { ...before.followUp, salesQueueId: 'q_nowhere' } }, 400],
      [{ ...before, extra: 'x'.repeat(300 * 1024) }, 413],
    ];
    for (const [body, status] of bad) {
      const res = await putBot(body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(status);
      expect((await res.json()).error.message).toBeTruthy();
    }
    expect(await getBot()).toEqual(before);
    expect(
      (await fetch(`${t.hub.url}/api/admin/chats/ch_nowhere/bot`, { headers: { authorization: `Bearer ${admin}` } }))
        .status,
    ).toBe(404);
  });
});
