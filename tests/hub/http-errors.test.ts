import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, ErrorCode, FileRefusal, PROTOCOL_VERSION } from '#protocol';
import { HubError } from '#hub/inbox/errors';
import { startHub, type Hub } from '#hub/server';
import type { Db } from '#hub/storage/db';
import { FileRefused, restErrorHandler } from '#hub/transport/rest-errors';
import { databaseAnswers } from '#hub/transport/routes/health';
import { openTestDb } from './support';

/** The one REST error handler (every refusal's status and body) and readiness (GET /api/health). */

/** What a REST client gets for each code the rules throw: REST has its own `bad_request`, never the socket's `bad_frame`. */
const EXPECTED: Record<ErrorCode, [number, string]> = {
  bad_frame: [400, 'bad_request'],
  version: [400, 'bad_request'],
  too_large: [413, 'too_large'],
  unauthorized: [401, 'unauthorized'],
  not_ready: [503, 'not_ready'],
  not_found: [404, 'not_found'],
  forbidden: [403, 'forbidden'],
  conflict: [409, 'conflict'],
  origin_not_allowed: [403, 'origin_not_allowed'],
  rate_limited: [429, 'rate_limited'],
  internal: [500, 'internal'],
};
const FILE_EXPECTED: Record<FileRefusal, number> = {
  file_empty: 400,
  file_name_invalid: 400,
  file_too_large: 413,
  file_type_not_allowed: 415,
  file_type_mismatch: 415,
};

describe('the REST error handler', () => {
  const logged: string[] = [];
  // A bare Fastify app with only the hub's handler: each route throws what its path names.
  const app = Fastify({
    loggerInstance: pino({ level: 'error' }, { write: (line: string) => void logged.push(line) }),
  });
  let url: string;
  beforeAll(async () => {
    app.setErrorHandler(restErrorHandler);
    app.get<{ Params: { code: ErrorCode } }>('/hub/:code', async (request) => {
      throw new HubError(request.params.code, `refused: ${request.params.code}`, 7);
    });
    app.get<{ Params: { code: FileRefusal } }>('/file/:code', async (request) => {
      throw new FileRefused(request.params.code, 'not this file', 1024);
    });
    app.get('/bug', async () => {
      throw new TypeError('secret internals');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('answers every HubError code with its status and REST code, the message and the limit', async () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ErrorCode.options].sort());
    for (const code of ErrorCode.options) {
      const res = await fetch(`${url}/hub/${code}`);
      const [status, restCode] = EXPECTED[code];
      expect(res.status, code).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(ErrorBody.parse(await res.json()), code).toEqual({
        error: { code: restCode, message: `refused: ${code}`, limit: 7 },
      });
    }
  });

  it('answers every upload refusal with its own code and status', async () => {
    for (const code of FileRefusal.options) {
      const res = await fetch(`${url}/file/${code}`);
      expect(res.status, code).toBe(FILE_EXPECTED[code]);
      expect(ErrorBody.parse(await res.json())).toEqual({ error: { code, message: 'not this file', limit: 1024 } });
    }
  });

  it('answers anything else 500 internal without its details, and logs it with the request id', async () => {
    const res = await fetch(`${url}/bug`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error; nothing was changed' } });
    const line = JSON.parse(logged.find((l) => l.includes('secret internals')) ?? '{}');
    expect(line).toMatchObject({
      level: 50,
      msg: 'request failed',
      err: { type: 'TypeError', message: 'secret internals' },
    });
    expect(line.reqId).toBeTruthy();
  });
});

describe('readiness: GET /api/health', () => {
  let db: Db;
  let hub: Hub;
  let down = false;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    // The database as the hub sees it: a trivial query fails while `down`, as a lost server would.
    const flaky: Db = {
      ...db,
      query: (text, params) =>
        down && text === 'select 1' ? Promise.reject(new Error('connection lost')) : db.query(text, params),
    };
    hub = await startHub({ db: flaky, port: 0, ready: false });
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });
  const health = async () => {
    const res = await fetch(`${hub.url}/api/health`);
    return { status: res.status, body: await res.json() };
  };

  it('says 503 not_ready until the hub has started, then 200', async () => {
    expect(await health()).toEqual({
      status: 503,
      body: { error: { code: 'not_ready', message: 'the hub is starting' } },
    });
    hub.started();
    expect(await health()).toEqual({ status: 200, body: { ok: true, protocol: PROTOCOL_VERSION } });
  });

  it('says 503 while the database does not answer, and 200 again once it does', async () => {
    down = true;
    expect(await health()).toEqual({
      status: 503,
      body: { error: { code: 'not_ready', message: 'the database does not answer' } },
    });
    down = false;
    expect((await health()).status).toBe(200);
  });

  it('counts a database that takes too long as not answering', async () => {
    expect(await databaseAnswers({ query: () => new Promise(() => {}) }, 50)).toBe(false);
    expect(await databaseAnswers({ query: () => Promise.reject(new Error('down')) }, 50)).toBe(false);
    expect(await databaseAnswers(db, 2000)).toBe(true);
  });
});
