import { Readable } from 'node:stream';
import {
  ContactLookupQuery,
  DATA_OUT_LIMITS,
  RetentionSetting,
  type ContactLookupResponse,
  type ErasureResponse,
  type ErasuresResponse,
  type RetentionResponse,
} from '#protocol';
import { crmConnector } from '../../crm/registry';
import { erasePerson, listErasures } from '../../data-out/erase';
import { exportEntries, gatherExport } from '../../data-out/export';
import { listRetention, setRetention } from '../../data-out/retention';
import { zipStream } from '../../data-out/zip-stream';
import { HubError } from '../../inbox/errors';
import { limitedTo } from '../rest-limits';
import { callerRep, superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/**
 * Data out (FEATURES H6, issue 20), for super users only: find a person's record by email, export
 * everything held about them as one zip archive (rate limited: each reads all of a person), erase
 * them, and each chat's retention. What an erasure removes is data-out/erase.ts's; what an export
 * holds, data-out/export.ts's.
 */
export const dataOutRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const onRequest = superUser(ctx, 'personal data');

  app.get('/api/admin/contacts', { onRequest, schema: { querystring: ContactLookupQuery } }, async (request) => {
    const call = { tx: ctx.db, now: ctx.now(), actor: callerRep(request) };
    const id = await crmConnector().match(call, { email: request.query.email, phone: null });
    const found = id ? await crmConnector().card(call, id) : null;
    return {
      contact: found
        ? { id: found.contact.id, kind: found.contact.kind, name: found.contact.name, email: found.contact.email }
        : null,
    } satisfies ContactLookupResponse;
  });

  app.get(
    '/api/admin/contacts/:id/export',
    {
      onRequest,
      schema: { params: IdParams },
      config: { rateLimit: limitedTo('exports', DATA_OUT_LIMITS.exportsPerIp) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const gathered = await gatherExport(ctx.db, id, callerRep(request), ctx.now());
      const missing: string[] = [];
      const body = zipStream(
        exportEntries(gathered, (fileId) => ctx.files.open(fileId), missing),
        (name) => missing.push(name),
      );
      ctx.log.info({ contactId: id, by: callerRep(request).id }, 'personal data exported');
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="parley-export-${id}.zip"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(body));
    },
  );

  app.delete('/api/admin/contacts/:id', { onRequest, schema: { params: IdParams } }, async (request) => {
    const { erasure, fileIds } = await erasePerson(ctx.db, request.params.id, callerRep(request), ctx.now());
    ctx.committed();
    // The rows went with the transaction; the bytes go once it has committed.
    for (const fileId of fileIds) await ctx.files.remove(fileId);
    ctx.log.info({ erasureId: erasure.id, by: erasure.erasedBy }, 'person erased');
    return { erasure } satisfies ErasureResponse;
  });

  app.get(
    '/api/admin/erasures',
    { onRequest },
    async () =>
      ({
        erasures: await listErasures(ctx.db),
      }) satisfies ErasuresResponse,
  );

  app.get(
    '/api/admin/retention',
    { onRequest },
    async () =>
      ({
        chats: await listRetention(ctx.db),
      }) satisfies RetentionResponse,
  );

  app.put(
    '/api/admin/chats/:id/retention',
    { onRequest, schema: { params: IdParams, body: RetentionSetting } },
    async (request, reply) => {
      if (!(await setRetention(ctx.db, request.params.id, request.body.months)))
        throw new HubError('not_found', 'no such chat');
      return reply.code(204).send();
    },
  );
};
