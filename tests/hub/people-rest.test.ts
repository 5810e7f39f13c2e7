import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InviteResponse, PEOPLE_LIMITS, PeopleResponse, Person, ResetResponse } from '#protocol';
import { createMailer } from '#hub/people/mailer';
import { quietLogger } from '#hub/log';
import { restClient } from './rest-client';
import { BACKENDS, loginAs, startTestHub } from './support';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

/**
 * People over REST (FEATURES H1) on both databases: every route refuses strangers, reps and observers
 * and bad bodies with nothing changed; a super user invites (the link shown, and emailed through
 * SMTP_URL to a local sink), the invitee sets a password through the link's page calls and signs in.
 */
const GOOD = 'amber-kettle-summit-58';

describe.each(BACKENDS)('people over REST on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let smtp: SmtpSink;
  let admin: string;
  let rep: string;
  let observer: string;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestHub(backend, {
      publicUrl: 'https://chat.shop.example',
      mailer: createMailer({ smtpUrl: smtp.url, from: 'Parley <parley@shop.example>' }, quietLogger()),
    });
    [admin, rep, observer] = await Promise.all(
      ['alex', 'anna', 'sara'].map(async (who) => (await loginAs(t.hub.url, `${who}@demo.parley.test`)).body.token),
    );
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  const call = (...args: Parameters<ReturnType<typeof restClient>['call']>) => restClient(t.hub.url).call(...args);
  const refusal = (res: Response) => restClient(t.hub.url).refusal(res);
  const snapshot = () =>
    Promise.all([
      t.db.query(
        'select id, email, name, role, extension, mode, disabled_at, deleted_at, password_hash, sign_in_status from reps order by id',
      ),
      t.db.query('select token_hash, rep_id from sessions order by token_hash'),
      t.db.query('select rep_id, purpose from account_links order by rep_id'),
      t.db.query('select queue_id, rep_id from queue_members order by queue_id, rep_id'),
      t.db.query('select key, value from hub_settings order by key'),
    ]);

  const ROUTES: [string, string, unknown?][] = [
    ['GET', '/api/admin/people'],
    ['GET', '/api/admin/status'],
    ['POST', '/api/admin/people', { email: 'new@shop.example', name: 'New Rep', role: 'rep', extension: null }],
    ['PATCH', '/api/admin/people/r_ben', { role: 'observer' }],
    ['POST', '/api/admin/people/r_ben/reset-password'],
    ['POST', '/api/admin/people/r_ben/sign-out'],
    ['DELETE', '/api/admin/people/r_ben'],
    ['PUT', '/api/admin/rep-defaults', { availability: 'away', sounds: true, notifications: false, queueIds: [] }],
  ];

  it('every route refuses a caller not signed in, a rep and an observer, and nothing changes', async () => {
    const before = await snapshot();
    for (const [method, path, body] of ROUTES) {
      expect(await refusal(await call(method, path, null, body)), `${method} ${path}`).toMatchObject({
        status: 401,
        code: 'unauthorized',
      });
      expect(await refusal(await call(method, path, rep, body)), `${method} ${path}`).toMatchObject({
        status: 403,
        code: 'forbidden',
        message: 'only super users can change people',
      });
      expect(await refusal(await call(method, path, observer, body)), `${method} ${path}`).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad bodies with the field and the limit, and changes nothing', async () => {
    const before = await snapshot();
    const invite = { email: 'cleo@shop.example', name: 'Cleo Marino', role: 'rep', extension: '103' };
    const bad: [string, string, unknown, number, RegExp][] = [
      ['POST', '/api/admin/people', 'not json', 400, /JSON/],
      ['POST', '/api/admin/people', { ...invite, email: 'not-an-email' }, 400, /^email: not an email address/],
      [
        'POST',
        '/api/admin/people',
        { ...invite, email: `${'x'.repeat(250)}@shop.example` },
        400,
        /^email: email is longer than 254 characters/,
      ],
      ['POST', '/api/admin/people', { ...invite, name: ' ' }, 400, /^name: name is empty/],
      [
        'POST',
        '/api/admin/people',
        { ...invite, name: 'x'.repeat(PEOPLE_LIMITS.nameChars + 1) },
        400,
        /^name: name is longer than 80 characters/,
      ],
      ['POST', '/api/admin/people', { ...invite, role: 'owner' }, 400, /^role:/],
      [
        'POST',
        '/api/admin/people',
        { ...invite, extension: '10 1' },
        400,
        /^extension: extension: letters, digits and dashes only/,
      ],
      [
        'POST',
        '/api/admin/people',
        { ...invite, queueIds: ['q_demo', 'q_demo'] },
        400,
        /^queueIds: a queue is in the list twice/,
      ],
      ['POST', '/api/admin/people', { ...invite, queueIds: ['q_nowhere'] }, 400, /queueIds: no queue q_nowhere/],
      ['POST', '/api/admin/people', { ...invite, email: 'ANNA@demo.parley.test' }, 409, /already has an account/],
      ['PATCH', '/api/admin/people/r_ben', {}, 400, /nothing to change/],
      ['PATCH', '/api/admin/people/r_ben', { disabled: 'yes' }, 400, /^disabled:/],
      ['PATCH', '/api/admin/people/r_nobody', { role: 'rep' }, 404, /no such person/],
      ['PATCH', '/api/admin/people/r_alex', { role: 'rep' }, 409, /last super user/],
      ['PATCH', '/api/admin/people/r_alex', { disabled: true }, 409, /last super user/],
      ['DELETE', '/api/admin/people/r_alex', undefined, 409, /last super user/],
      ['POST', '/api/admin/people/r_nobody/reset-password', undefined, 404, /no such person/],
      [
        'PUT',
        '/api/admin/rep-defaults',
        { availability: 'offline', sounds: true, notifications: true, queueIds: [] },
        400,
        /^availability:/,
      ],
      [
        'PUT',
        '/api/admin/rep-defaults',
        { availability: 'online', sounds: true, notifications: true, queueIds: ['q_gone'] },
        400,
        /no queue q_gone/,
      ],
    ];
    for (const [method, path, body, status, message] of bad) {
      const answer = await refusal(await call(method, path, admin, body));
      expect(answer, `${method} ${path} ${JSON.stringify(body)}`).toMatchObject({ status });
      expect(answer.message, `${method} ${path} ${JSON.stringify(body)}`).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('invites a rep: the link is shown and emailed; its page calls greet them and set the password once; they sign in', async () => {
    const sent = smtp.mails.length;
    const res = await call('POST', '/api/admin/people', admin, {
      email: 'Cleo@Shop.example',
      name: 'Cleo Marino',
      role: 'rep',
      extension: '103',
      queueIds: ['q_demo'],
    });
    expect(res.status).toBe(201);
    const { person, link } = InviteResponse.parse(await res.json());
    expect(person).toMatchObject({ email: 'cleo@shop.example', state: 'invited', queueIds: ['q_demo'] });
    expect(link).toMatchObject({
      url: expect.stringMatching(/^https:\/\/chat\.shop\.example\/account\/set-password#[A-Za-z0-9_-]{43}$/),
      emailed: true,
    });
    await expect.poll(() => smtp.mails.length).toBe(sent + 1);
    expect(smtp.mails.at(-1)).toMatchObject({ to: 'cleo@shop.example', subject: 'You are invited to Parley' });
    expect(smtp.mails.at(-1)!.text).toContain(link.url);

    const token = link.url.split('#')[1];
    expect(await (await call('POST', '/api/account/link', null, { token })).json()).toMatchObject({
      email: 'cleo@shop.example',
      name: 'Cleo Marino',
      purpose: 'invite',
    });
    expect(
      await refusal(await call('POST', '/api/account/password', null, { token, password: 'password1234' })),
    ).toMatchObject({ status: 400, message: expect.stringMatching(/common passwords/) });
    expect(
      await refusal(await call('POST', '/api/account/password', null, { token, password: 'short' })),
    ).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^password: a password has at least 12 characters/),
    });
    expect((await call('POST', '/api/account/password', null, { token, password: GOOD })).status).toBe(204);
    expect(
      await refusal(await call('POST', '/api/account/password', null, { token, password: 'another-fine-passphrase' })),
    ).toMatchObject({ status: 404, message: expect.stringMatching(/no longer valid/) });
    expect(await refusal(await call('POST', '/api/account/link', null, { token }))).toMatchObject({ status: 404 });
    expect((await loginAs(t.hub.url, 'cleo@shop.example', GOOD)).status).toBe(200);

    const people = PeopleResponse.parse(await (await call('GET', '/api/admin/people', admin)).json());
    expect(people.people.find((p) => p.email === 'cleo@shop.example')?.state).toBe('active');
  });

  it('serves the set-password page with a strict content security policy', async () => {
    const page = await fetch(`${t.hub.url}/account/set-password`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('/account/set-password.js');
    expect((await fetch(`${t.hub.url}/account/set-password.js`)).headers.get('content-type')).toMatch(/javascript/);
  });

  it('a reset answers a new link and ends the rep’s sessions; a role change and disabling apply at once', async () => {
    const ben = (await loginAs(t.hub.url, 'ben@demo.parley.test')).body.token;
    const reset = ResetResponse.parse(
      await (await call('POST', '/api/admin/people/r_ben/reset-password', admin)).json(),
    );
    expect(reset.link.url).toMatch(/#/);
    expect((await call('GET', '/api/admin/chats', ben)).status).toBe(401);
    expect(
      (await call('POST', '/api/account/password', null, { token: reset.link.url.split('#')[1], password: GOOD }))
        .status,
    ).toBe(204);

    const again = (await loginAs(t.hub.url, 'ben@demo.parley.test', GOOD)).body.token;
    const promoted = Person.parse(
      await (await call('PATCH', '/api/admin/people/r_ben', admin, { role: 'admin', extension: '777' })).json(),
    );
    expect(promoted).toMatchObject({ role: 'admin', extension: '777' });
    expect((await call('GET', '/api/admin/people', again)).status).toBe(200);
    expect((await call('PATCH', '/api/admin/people/r_ben', admin, { disabled: true })).status).toBe(200);
    expect((await call('GET', '/api/admin/people', again)).status).toBe(401);
    expect((await loginAs(t.hub.url, 'ben@demo.parley.test', GOOD)).status).toBe(401);
  });

  it('counts demo accounts for the console’s warning, until they are deleted', async () => {
    const status = async () => (await (await call('GET', '/api/admin/status', admin)).json()).demoAccounts;
    expect(await status()).toBeGreaterThan(0);
    await call('PATCH', '/api/admin/people/r_sara', admin, { role: 'admin' });
    const sara = (await loginAs(t.hub.url, 'sara@demo.parley.test')).body.token;
    for (const id of ['r_anna', 'r_ben', 'r_alex'])
      expect((await call('DELETE', `/api/admin/people/${id}`, sara)).status).toBe(204);
    expect((await call('GET', '/api/admin/status', admin)).status).toBe(401); // alex's token went with alex
    expect(await (await call('GET', '/api/admin/status', sara)).json()).toEqual({ demoAccounts: 1 });
  });
});
