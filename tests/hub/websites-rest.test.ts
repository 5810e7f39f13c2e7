import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminChatsResponse, LIMITS, NewChatResponse } from '#protocol';
import { visitorActor } from './actors';
import { restClient } from './rest-client';
import { BACKENDS, loginAs, startTestHub } from './support';

/**
 * Websites and queues over REST (FEATURES H2) on both databases: refused to strangers, reps, observers
 * and bad bodies with nothing changed; a new website's key works in the widget at once; deleting it
 * moves its waiting visitor's conversation and tells the widget the chat is gone.
 */
describe.each(BACKENDS)('websites and queues over REST on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let admin: string;
  let rep: string;
  let observer: string;
  beforeAll(async () => {
    t = await startTestHub(backend);
    [admin, rep, observer] = await Promise.all(
      ['alex', 'anna', 'sara'].map(async (who) => (await loginAs(t.hub.url, `${who}@demo.parley.test`)).body.token),
    );
  });
  afterAll(() => t.stop());

  const call = (...args: Parameters<ReturnType<typeof restClient>['call']>) => restClient(t.hub.url).call(...args);
  const refusal = (res: Response) => restClient(t.hub.url).refusal(res);
  const snapshot = () =>
    Promise.all([
      t.db.query('select id, key, name from chats order by id'),
      t.db.query('select id, chat_id, name from queues order by id'),
      t.db.query('select id, chat_id, queue_id, status from conversations order by id'),
    ]);

  it('every route refuses a caller not signed in, a rep and an observer, and nothing changes', async () => {
    const before = await snapshot();
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/admin/chats', { name: 'Help desk' }],
      ['DELETE', '/api/admin/chats/ch_demo'],
      ['POST', '/api/admin/queues', { chatId: 'ch_demo', name: 'Returns' }],
      ['DELETE', '/api/admin/queues/q_demo'],
    ];
    for (const [method, path, body] of routes) {
      expect(await refusal(await call(method, path, null, body))).toMatchObject({ status: 401 });
      expect(await refusal(await call(method, path, rep, body))).toMatchObject({
        status: 403,
        message: 'only super users can change websites and queues',
      });
      expect(await refusal(await call(method, path, observer, body))).toMatchObject({ status: 403 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad bodies with the field and the limit, and changes nothing', async () => {
    const before = await snapshot();
    const bad: [string, string, unknown, number, RegExp][] = [
      ['POST', '/api/admin/chats', 'not json', 400, /JSON/],
      ['POST', '/api/admin/chats', { name: '  ' }, 400, /^name: name is empty/],
      [
        'POST',
        '/api/admin/chats',
        { name: 'x'.repeat(LIMITS.nameChars + 1) },
        400,
        new RegExp(`^name: name is longer than ${LIMITS.nameChars} characters`),
      ],
      ['POST', '/api/admin/chats', { name: 'Bell\u0007' }, 400, /control characters/],
      ['POST', '/api/admin/queues', { chatId: 'ch_nowhere', name: 'Returns' }, 404, /no such chat/],
      ['POST', '/api/admin/queues', { name: 'Returns' }, 400, /^chatId:/],
      ['DELETE', '/api/admin/queues/q_nowhere', undefined, 404, /no such queue/],
      ['DELETE', '/api/admin/chats/ch_nowhere', undefined, 404, /no such chat/],
      ['DELETE', '/api/admin/chats/ch_demo', { moveToQueueId: 5 }, 400, /^moveToQueueId:/],
      ['DELETE', '/api/admin/chats/ch_demo', [1], 400, /^body:|expected object/],
    ];
    for (const [method, path, body, status, message] of bad) {
      const answer = await refusal(await call(method, path, admin, body));
      expect(answer, `${method} ${path} ${JSON.stringify(body)}`).toMatchObject({ status });
      expect(answer.message).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a new website works in the widget at once; deleting it moves its waiting conversation and ends the widget', async () => {
    const made = await call('POST', '/api/admin/chats', admin, { name: 'Help desk' });
    expect(made.status).toBe(201);
    const chat = NewChatResponse.parse(await made.json());
    const queue = await (await call('POST', '/api/admin/queues', admin, { chatId: chat.id, name: 'Help' })).json();
    const visitor = await visitorActor(t.hub, undefined, chat.key);
    const conversationId = await visitor.say('Is anyone there?');

    const listed = AdminChatsResponse.parse(await (await call('GET', '/api/admin/chats', admin)).json()).chats.find(
      (c) => c.id === chat.id,
    )!;
    expect(listed).toMatchObject({
      name: 'Help desk',
      key: chat.key,
      counts: { waiting: 1, active: 0, closed: 0 },
      queues: [{ id: queue.id, name: 'Help', waiting: 1 }],
    });

    expect(await refusal(await call('DELETE', `/api/admin/queues/${queue.id}`, admin))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/1 conversation\(s\) wait in this queue/),
    });
    expect(await refusal(await call('DELETE', `/api/admin/chats/${chat.id}`, admin))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/wait in this chat/),
    });
    expect((await call('DELETE', `/api/admin/chats/${chat.id}`, admin, { moveToQueueId: 'q_demo' })).status).toBe(204);

    expect(await visitor.socket.next((f) => f.type === 'error')).toMatchObject({
      code: 'not_found',
      message: 'this chat no longer exists',
    });
    expect(await visitor.socket.closed).toBe(1008);
    expect(
      await t.db.query('select chat_id, queue_id, status from conversations where id = $1', [conversationId]),
    ).toEqual([{ chat_id: 'ch_demo', queue_id: 'q_demo', status: 'pending' }]);
    expect(await t.db.query('select id from chats where id = $1', [chat.id])).toEqual([]);
  });
});
