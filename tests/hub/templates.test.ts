import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_LIMITS, TemplateResponse, TemplatesResponse, type TemplateInput } from '#protocol';
import { repActor, type RepActor } from './actors';
import { BACKENDS, loginAs, startTestHub } from './support';

/** Quick-reply templates (FEATURES D5, H3): super users write them over REST; reps of the chat receive them as events. */
describe.each(BACKENDS)('templates on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let admin: string;
  let repToken: string;
  let anna: RepActor;
  beforeAll(async () => {
    t = await startTestHub(backend);
    // A second chat Anna does not work in: its templates must never reach her.
    await t.db.query(`insert into chats (id, key, name) values ('ch_other', 'other-shop', 'Other shop')`);
    admin = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    repToken = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    anna = await repActor(t.hub, 'anna@demo.parley.test');
  });
  afterAll(async () => {
    anna.close();
    await t.stop();
  });

  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${t.hub.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const list = async () =>
    TemplatesResponse.parse(await (await call('GET', '/api/admin/templates', admin)).json()).templates;
  const create = async (input: TemplateInput) => {
    const res = await call('POST', '/api/admin/templates', admin, input);
    expect(res.status).toBe(201);
    return TemplateResponse.parse(await res.json()).template;
  };
  const refusal = async (res: Response) => ({ status: res.status, ...(await res.json()).error });
  const annaGets = (kind: string, id: string) =>
    anna.socket.next(
      (f) => f.type === 'event' && f.event.kind === kind && (f.event.template?.id ?? f.event.templateId) === id,
    );

  const input: TemplateInput = {
    chatId: 'ch_demo',
    category: 'Shipping',
    language: 'en',
    title: 'Delivery time',
    text: 'Hi {visitor.name}, delivery takes {days} days.',
  };

  describe('templates: super users write', () => {
    it('starts with the demo templates in five languages, which reps received on sign-in', async () => {
      const seeded = await list();
      expect(new Set(seeded.map((s) => s.language))).toEqual(new Set(['en', 'it', 'de', 'pl', 'cs']));
      const annaStart = await repActor(t.hub, 'anna@demo.parley.test');
      const received = annaStart.socket.frames
        .filter((f) => f.type === 'event' && f.event.kind === 'template.saved')
        .map((f) => f.event.template.id);
      annaStart.close();
      expect(received.sort()).toEqual(seeded.map((s) => s.id).sort());
    });

    it('creates, changes and deletes; each change reaches the reps of the chat as an event', async () => {
      const created = await create(input);
      expect(created).toMatchObject(input);
      expect((await annaGets('template.saved', created.id)).event.template).toEqual(created);

      const changed = { ...input, title: 'Delivery', text: 'Delivery takes {days} days, {visitor.name}.' };
      const put = await call('PUT', `/api/admin/templates/${created.id}`, admin, changed);
      expect(put.status).toBe(200);
      expect((await annaGets('template.saved', created.id)).event.template).toMatchObject(changed);
      expect((await list()).find((x) => x.id === created.id)).toMatchObject(changed);

      expect((await call('DELETE', `/api/admin/templates/${created.id}`, admin)).status).toBe(204);
      await annaGets('template.deleted', created.id);
      expect((await list()).some((x) => x.id === created.id)).toBe(false);
      expect((await call('DELETE', `/api/admin/templates/${created.id}`, admin)).status).toBe(404);
      expect((await call('PUT', `/api/admin/templates/${created.id}`, admin, input)).status).toBe(404);
    });

    it("keeps another chat's templates from reps who do not work in it, and drops one moved away", async () => {
      const other = await create({ ...input, chatId: 'ch_other', title: 'Other shop only' });
      const mine = await create({ ...input, title: 'Demo shop' });
      // Events arrive in log order: once the later one is here, the earlier one would have been too.
      await annaGets('template.saved', mine.id);
      expect(anna.socket.frames.some((f) => f.type === 'event' && f.event.template?.id === other.id)).toBe(false);

      expect(
        (await call('PUT', `/api/admin/templates/${mine.id}`, admin, { ...input, chatId: 'ch_other' })).status,
      ).toBe(200);
      const gone = await annaGets('template.deleted', mine.id);
      expect(gone.event.chatId).toBe('ch_demo');
    });
  });

  describe('templates: everyone else is refused and nothing changes', () => {
    it('refuses a rep with forbidden, and a missing token with unauthorized', async () => {
      const before = await list();
      const target = before[0];
      for (const [method, path, body] of [
        ['GET', '/api/admin/templates', undefined],
        ['POST', '/api/admin/templates', input],
        ['PUT', `/api/admin/templates/${target.id}`, { ...input, title: 'Hijacked' }],
        ['DELETE', `/api/admin/templates/${target.id}`, undefined],
      ] as const) {
        expect(await refusal(await call(method, path, repToken, body)), `${method} ${path}`).toMatchObject({
          status: 403,
          code: 'forbidden',
        });
        expect((await refusal(await call(method, path, 'not-a-token', body))).status).toBe(401);
      }
      expect(await list()).toEqual(before);
    });

    it('refuses malformed bodies with the reason, and stores nothing', async () => {
      const before = await list();
      const cases: [unknown, RegExp][] = [
        ['{not json', /not valid JSON/],
        [{ ...input, language: 'fr' }, /language/],
        [{ ...input, title: '   ' }, /title is empty/],
        [{ ...input, category: undefined }, /category/],
        [{ ...input, chatId: 'ch_nope' }, /no chat ch_nope/],
        [{ ...input, text: 'nul \u0000 inside' }, /NUL/],
      ];
      for (const [body, reason] of cases) {
        const r = await refusal(await call('POST', '/api/admin/templates', admin, body));
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.message).toMatch(reason);
      }
      const put = await refusal(
        await call('PUT', `/api/admin/templates/${before[0].id}`, admin, { ...input, language: 'xx' }),
      );
      expect(put.status).toBe(400);
      expect(await list()).toEqual(before);
    });

    it('enforces every length limit, the placeholder limit and the per-chat count', async () => {
      const before = await list();
      const over = (n: number) => 'x'.repeat(n + 1);
      const tooMany = Array.from({ length: TEMPLATE_LIMITS.placeholders + 1 }, (_, i) => `{p${i}}`).join(' ');
      for (const [body, reason] of [
        [{ ...input, title: over(TEMPLATE_LIMITS.titleChars) }, `longer than ${TEMPLATE_LIMITS.titleChars}`],
        [{ ...input, category: over(TEMPLATE_LIMITS.categoryChars) }, `longer than ${TEMPLATE_LIMITS.categoryChars}`],
        [{ ...input, text: over(TEMPLATE_LIMITS.textChars) }, `longer than ${TEMPLATE_LIMITS.textChars}`],
        [{ ...input, text: tooMany }, `more than ${TEMPLATE_LIMITS.placeholders} different placeholders`],
      ] as const) {
        const r = await refusal(await call('POST', '/api/admin/templates', admin, body));
        expect(r.status).toBe(400);
        expect(r.message).toContain(reason);
      }
      // Exactly at each limit is fine.
      const atLimit = await create({
        ...input,
        title: 'x'.repeat(TEMPLATE_LIMITS.titleChars),
        text: 'y'.repeat(TEMPLATE_LIMITS.textChars),
      });
      expect((await list()).length).toBe(before.length + 1);

      // Fill ch_other up to one short of the per-chat limit, then the last one fits and the next is refused.
      const [{ n }] = await t.db.query<{ n: number }>(
        `select count(*)::int as n from templates where chat_id = 'ch_other'`,
      );
      for (let i = n; i < TEMPLATE_LIMITS.perChat - 1; i++) {
        await t.db.query(
          `insert into templates (id, chat_id, category, language, title, text) values ($1, 'ch_other', 'Bulk', 'en', $2, 'x')`,
          [`tp_bulk_${i}`, `Bulk ${i}`],
        );
      }
      await create({ ...input, chatId: 'ch_other', title: 'The last one' });
      const full = await refusal(
        await call('POST', '/api/admin/templates', admin, { ...input, chatId: 'ch_other', title: 'One too many' }),
      );
      expect(full).toMatchObject({ status: 413, code: 'too_large', limit: TEMPLATE_LIMITS.perChat });
      // Moving one into the full chat is a new one for it, refused alike; editing one already there is not.
      expect(
        (
          await refusal(
            await call('PUT', `/api/admin/templates/${atLimit.id}`, admin, { ...input, chatId: 'ch_other' }),
          )
        ).status,
      ).toBe(413);
      expect(
        (
          await call('PUT', `/api/admin/templates/tp_bulk_${TEMPLATE_LIMITS.perChat - 2}`, admin, {
            ...input,
            chatId: 'ch_other',
            title: 'Edited',
          })
        ).status,
      ).toBe(200);
      const [{ count }] = await t.db.query<{ count: number }>(
        `select count(*)::int as count from templates where chat_id = 'ch_other'`,
      );
      expect(count).toBe(TEMPLATE_LIMITS.perChat);
    });
  });
});
