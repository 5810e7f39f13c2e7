import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { ApiBulkQuery, DATA_API_LIMITS, IDEMPOTENCY_HEADER, NO_CONTROL_CHARS, type ApiScope } from '#protocol';
import { keyForSecret, type ApiCaller } from '../../ingest/api-keys';
import { announceContactChanges } from '../../ingest/contact-changes';
import { once, requestHash, RollBack, type Answer } from '../../ingest/idempotency';
import { parseNdjson, parseRow, writeRows } from '../../ingest/ingest';
import { KINDS, type Kind } from '../../ingest/kinds';
import { openApiDocument } from '../../ingest/openapi';
import { RowRefused } from '../../ingest/upserts';
import { HubError, RateLimited } from '../../inbox/errors';
import type { Sql } from '../../storage/db';
import { bearer } from './guards';
import type { Routes } from './kit';

/**
 * The data API (FEATURES E2, E10, E11; issue 20): `POST /api/v1/<kind>` upserts one row (JSON),
 * `POST /api/v1/<kind>/bulk` many (NDJSON), for products, companies, contacts, orders, emails and
 * events, authenticated by an API key (`Authorization: Bearer pk_…`) with the kind's scope, and
 * counted per key besides the per-address REST limit. `GET /api/v1/openapi.json` documents it.
 * Bodies are read as text here: the idempotency hash is of the bytes sent, and NDJSON is not JSON.
 */

const callers = new WeakMap<FastifyRequest, ApiCaller>();

export const dataApiRoutes: Routes = async (app, { ctx }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const perKey = ctx.rates.limiter('data-api', DATA_API_LIMITS.requestsPerKey);

  /** The key's caller, checked before the body is read: 401 unknown or revoked, 403 without the scope, 429 past its rate. */
  const withScope = (scope: ApiScope): onRequestAsyncHookHandler =>
    async function apiKeyGuard(request) {
      const secret = bearer(request);
      const caller = secret ? await keyForSecret(ctx.db, secret) : null;
      if (!caller) throw new HubError('unauthorized', 'missing, unknown or revoked API key');
      if (!caller.scopes.has(scope)) throw new HubError('forbidden', `this API key lacks the ${scope} scope`);
      const wait = await perKey.take(caller.keyId);
      const rate = DATA_API_LIMITS.requestsPerKey;
      if (wait !== null)
        throw new RateLimited(
          `too many requests: at most ${rate.points} in ${rate.seconds} s per API key`,
          rate.points,
          wait,
        );
      callers.set(request, caller);
    };

  function idempotencyKey(request: FastifyRequest): string | null {
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return null;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || key.length > DATA_API_LIMITS.idempotencyKeyChars || !NO_CONTROL_CHARS.test(key))
      throw new HubError(
        'bad_frame',
        `${IDEMPOTENCY_HEADER}: 1 to ${DATA_API_LIMITS.idempotencyKeyChars} characters, no control characters`,
      );
    return key;
  }

  /** Runs the request's writes once, with one `contact.changed` event for the records whose cards they changed. */
  async function answer(request: FastifyRequest, reply: FastifyReply, write: (tx: Sql) => Promise<Answer>) {
    const caller = callers.get(request)!;
    const body = typeof request.body === 'string' ? request.body : '';
    let announced = false;
    const result = await once(
      ctx.db,
      caller.keyId,
      idempotencyKey(request),
      requestHash(request.method, request.url, body),
      async (tx) => {
        const written = await write(tx);
        announced = await announceContactChanges(tx);
        return written;
      },
    );
    if (announced && !result.replayed) ctx.committed();
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(result.status).header('cache-control', 'no-store').send(result.body);
  }

  for (const [name, kind] of Object.entries(KINDS) as [string, Kind][]) {
    app.post(
      `/api/v1/${name}`,
      { onRequest: withScope(kind.scope), bodyLimit: DATA_API_LIMITS.rowBytes },
      async (request, reply) => {
        const parsed = parseRow(kind, typeof request.body === 'string' ? request.body : '');
        if (!parsed.ok) throw new HubError('bad_frame', parsed.message);
        return answer(request, reply, async (tx) => {
          try {
            return { status: 200, body: await kind.write(tx, parsed.row as never) };
          } catch (err) {
            if (err instanceof RowRefused) throw new HubError('bad_frame', err.message);
            throw err;
          }
        });
      },
    );

    app.post(
      `/api/v1/${name}/bulk`,
      { onRequest: withScope(kind.scope), bodyLimit: DATA_API_LIMITS.bulkBytes, schema: { querystring: ApiBulkQuery } },
      async (request, reply) => {
        const atomic = request.query.atomic === 'true';
        const { rows, refused } = parseNdjson(kind, typeof request.body === 'string' ? request.body : '');
        const total = rows.length + refused.length;
        return answer(request, reply, async (tx) => {
          const report = await writeRows(tx, kind, rows, [...refused], atomic);
          if (!atomic || report.refused.length === 0) return { status: 200, body: report };
          const message = `${report.refused.length} of ${total} rows refused; all-or-nothing was asked, so nothing was written`;
          throw new RollBack({ status: 400, body: { error: { code: 'bad_request', message }, ...report } });
        });
      },
    );
  }

  app.get('/api/v1/openapi.json', async (request) => openApiDocument(`${request.protocol}://${request.host}`));
};
