import { PassThrough } from 'node:stream';
import { IMPORT_LIMITS, ImportParams, ImportQuery, type ImportProgressLine } from '#protocol';
import { parseImport, runImport } from '../../ingest/import';
import { superUser } from './guards';
import type { Routes } from './kit';

/**
 * The console's CSV import (issue 20): `POST /api/admin/imports/<kind>?mode=good|atomic|preview`, for
 * super users, with the mapped rows as NDJSON (ingest/import.ts). A body that is not such rows is
 * refused at once (400); otherwise the answer is NDJSON streamed as the hub works: `{done, total}`
 * after each batch, then `{report}` — or `{error}` when the database failed part-way (all-or-nothing
 * has then written nothing; good rows only keeps the batches before it).
 */
export const importRoutes: Routes = async (app, { ctx }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const onRequest = superUser(ctx, 'the customer store');

  app.post(
    '/api/admin/imports/:kind',
    {
      onRequest,
      bodyLimit: IMPORT_LIMITS.bodyBytes,
      schema: { params: ImportParams, querystring: ImportQuery },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const { mode } = request.query;
      const parsed = parseImport(kind, typeof request.body === 'string' ? request.body : '', mode);
      const out = new PassThrough();
      const send = (line: ImportProgressLine) => out.write(`${JSON.stringify(line)}\n`);
      runImport(ctx.db, kind, parsed, mode, (done, total) => send({ done, total }), ctx.committed)
        .then(
          (report) => send({ report }),
          (err: unknown) => {
            request.log.error({ err }, 'an import failed');
            send({ error: { code: 'internal', message: 'the hub could not finish the import: try again' } });
          },
        )
        .finally(() => out.end());
      return reply.header('content-type', 'application/x-ndjson').header('cache-control', 'no-store').send(out);
    },
  );
};
