import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL_LIMITS, PoolResponse, PoolsResponse } from '#protocol';
import { DEMO_POOL_ID } from '#hub/demo/crm-seed';
import { repActor, visitorActor, type RepActor } from './actors';
import { crm, identify, takenConversation } from './crm-support';
import { BACKENDS, loginAs, startTestHub } from './support';

/** Distribution pools kept by super users over REST (FEATURES E5, H3), and used by create lead in round robin. */
describe.each(BACKENDS)('distribution pools admin on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let admin: string;
  let anna: RepActor;
  beforeAll(async () => {
    t = await startTestHub(backend);
    admin = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    anna = await repActor(t.hub, 'anna@demo.parley.test');
  });
  afterAll(async () => {
    anna.close();
    await t.stop();
  });

  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    fetch(`${t.hub.url}${path}`, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const refusal = async (res: Response) => ({ status: res.status, ...(await res.json()).error });
  const list = async () => PoolsResponse.parse(await (await call('GET', '/api/admin/crm/pools', admin)).json());
  /** Every pool row and member row, to prove a refused change changed nothing. */
  const snapshot = async () => ({
    pools: await t.db.query('select id, name, turns from crm_pools order by id'),
    members: await t.db.query('select pool_id, rep_id, position from crm_pool_members order by pool_id, position'),
  });

  it('lists the demo pool and the reps who can be members (not the supervisor)', async () => {
    const { pools, reps } = await list();
    expect(pools).toEqual([
      {
        id: DEMO_POOL_ID,
        name: 'Sales team',
        members: [
          { id: 'r_anna', name: 'Anna Rossi' },
          { id: 'r_ben', name: 'Ben Novak' },
        ],
      },
    ]);
    expect(reps.map((r) => r.id).sort()).toEqual(['r_alex', 'r_anna', 'r_ben']);
  });

  it('is refused without a token and to reps, for every method, and nothing changes', async () => {
    const anyToken = (await loginAs(t.hub.url, 'sara@demo.parley.test')).body.token;
    const before = await snapshot();
    const attempts: [string, string, unknown?][] = [
      ['GET', '/api/admin/crm/pools'],
      ['POST', '/api/admin/crm/pools', { name: 'Mine', memberIds: ['r_anna'] }],
      ['PUT', `/api/admin/crm/pools/${DEMO_POOL_ID}`, { name: 'Renamed' }],
      ['DELETE', `/api/admin/crm/pools/${DEMO_POOL_ID}`],
    ];
    for (const [method, path, body] of attempts) {
      expect(await refusal(await call(method, path, null, body))).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(await refusal(await call(method, path, anna.token, body))).toMatchObject({
        status: 403,
        code: 'forbidden',
        message: 'only super users can change distribution pools',
      });
      expect(await refusal(await call(method, path, anyToken, body))).toMatchObject({ status: 403, code: 'forbidden' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = await snapshot();
    const tooMany = Array.from({ length: POOL_LIMITS.members + 1 }, (_, i) => `r_${i}`);
    const bad: [string, string, unknown, number, string, RegExp][] = [
      ['POST', '/api/admin/crm/pools', 'not json', 400, 'bad_request', /not valid JSON/],
      ['POST', '/api/admin/crm/pools', { name: '   ', memberIds: [] }, 400, 'bad_request', /^name: name is empty/],
      [
        'POST',
        '/api/admin/crm/pools',
        { name: 'x'.repeat(POOL_LIMITS.nameChars + 1), memberIds: [] },
        400,
        'bad_request',
        /^name: .*80 characters/,
      ],
      [
        'POST',
        '/api/admin/crm/pools',
        { name: 'Bad\u0007bell', memberIds: [] },
        400,
        'bad_request',
        /control characters/,
      ],
      [
        'POST',
        '/api/admin/crm/pools',
        { name: 'Twice', memberIds: ['r_anna', 'r_anna'] },
        400,
        'bad_request',
        /^memberIds: a rep is in the list twice/,
      ],
      [
        'POST',
        '/api/admin/crm/pools',
        { name: 'Crowd', memberIds: tooMany },
        400,
        'bad_request',
        /at most 200 members/,
      ],
      [
        'POST',
        '/api/admin/crm/pools',
        { name: 'Ghost', memberIds: ['r_anna', 'r_nobody'] },
        400,
        'bad_request',
        /^memberIds\.1: r_nobody is not a rep who can own leads/,
      ],
      [
        'POST',
        '/api/admin/crm/pools',
        { name: 'Watchers', memberIds: ['r_sara'] },
        400,
        'bad_request',
        /^memberIds\.0: r_sara/,
      ],
      ['POST', '/api/admin/crm/pools', { name: 'sales TEAM', memberIds: [] }, 409, 'conflict', /already exists/],
      ['PUT', `/api/admin/crm/pools/${DEMO_POOL_ID}`, {}, 400, 'bad_request', /nothing to change/],
      [
        'PUT',
        `/api/admin/crm/pools/${DEMO_POOL_ID}`,
        { name: 'Renamed', memberIds: ['r_ghost'] },
        400,
        'bad_request',
        /r_ghost/,
      ],
      ['PUT', '/api/admin/crm/pools/pl_missing', { name: 'Renamed' }, 404, 'not_found', /no such distribution pool/],
      ['DELETE', '/api/admin/crm/pools/pl_missing', undefined, 404, 'not_found', /no such distribution pool/],
    ];
    for (const [method, path, body, status, code, message] of bad) {
      const answer = await refusal(await call(method, path, admin, body));
      expect(answer, `${method} ${JSON.stringify(body)}`).toMatchObject({ status, code });
      expect(answer.message).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it(`refuses a pool past the limit of ${POOL_LIMITS.pools}`, async () => {
    await t.db.query(
      `insert into crm_pools (id, name) select 'pl_fill_' || i, 'Filler ' || i from generate_series(2, $1::int) as i`,
      [POOL_LIMITS.pools],
    );
    const before = await snapshot();
    expect(
      await refusal(await call('POST', '/api/admin/crm/pools', admin, { name: 'One too many', memberIds: [] })),
    ).toMatchObject({ status: 409, code: 'conflict', limit: POOL_LIMITS.pools });
    expect(await snapshot()).toEqual(before);
    await t.db.query(`delete from crm_pools where id like 'pl_fill_%'`);
  });

  it('a new pool is used by create lead in round robin; renamed, re-membered and deleted as asked', async () => {
    const created = await call('POST', '/api/admin/crm/pools', admin, {
      name: '  Inside sales ',
      memberIds: ['r_ben', 'r_alex'],
    });
    expect(created.status).toBe(201);
    const { pool } = PoolResponse.parse(await created.json());
    expect(pool).toMatchObject({
      name: 'Inside sales',
      members: [
        { id: 'r_ben', name: 'Ben Novak' },
        { id: 'r_alex', name: 'Alex Kowalski' },
      ],
    });
    expect((await crm(anna, { op: 'leadOptions' })).pools.map((p: { name: string }) => p.name)).toEqual([
      'Inside sales',
      'Sales team',
    ]);

    let leads = 0;
    const leadTo = async (poolId: string) => {
      const visitor = await visitorActor(t.hub);
      const id = await takenConversation(anna, visitor);
      await identify(visitor, `pool-admin-${backend}-${leads++}@example.org`);
      const answer = await crm(anna, {
        op: 'createLead',
        conversationId: id,
        name: null,
        phone: null,
        assign: { kind: 'pool', poolId },
        note: null,
      });
      // Anna's capacity is three chats: hand this one back before the next.
      expect((await anna.cmd({ type: 'markHandled', conversationId: id })).type).toBe('ack');
      visitor.close();
      return answer;
    };
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await leadTo(pool.id);
      expect(answer.pool).toEqual({ id: pool.id, name: 'Inside sales' });
      owners.push(answer.owner.id);
    }
    expect(owners).toEqual(['r_ben', 'r_alex', 'r_ben', 'r_alex']);

    const renamed = await call('PUT', `/api/admin/crm/pools/${pool.id}`, admin, {
      name: 'Key accounts',
      memberIds: ['r_anna'],
    });
    expect(renamed.status).toBe(200);
    expect(PoolResponse.parse(await renamed.json()).pool).toEqual({
      id: pool.id,
      name: 'Key accounts',
      members: [{ id: 'r_anna', name: 'Anna Rossi' }],
    });
    expect(await leadTo(pool.id)).toMatchObject({ pool: { name: 'Key accounts' }, owner: { id: 'r_anna' } });

    // A pool without members is kept, but a lead cannot go to it.
    expect((await call('PUT', `/api/admin/crm/pools/${pool.id}`, admin, { memberIds: [] })).status).toBe(200);
    expect(await leadTo(pool.id)).toMatchObject({ type: 'error', code: 'conflict' });

    expect((await call('DELETE', `/api/admin/crm/pools/${pool.id}`, admin)).status).toBe(204);
    expect((await list()).pools.map((p) => p.id)).toEqual([DEMO_POOL_ID]);
    expect(await t.db.query('select 1 from crm_pool_members where pool_id = $1', [pool.id])).toEqual([]);
    expect(await leadTo(pool.id)).toMatchObject({ type: 'error', code: 'not_found' });
  });
});
