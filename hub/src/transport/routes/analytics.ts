import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { AnalyticsQuery, AnalyticsTable, ConversationListQuery, type AnalyticsReport } from '#protocol';
import { mayExport, queryFor } from '../../analytics/access';
import { conversationsCsv, tableCsv } from '../../analytics/csv';
import { analyticsReport } from '../../analytics/report';
import { callerRep, grantedRep } from './guards';
import type { Routes } from './kit';

/**
 * Analytics over REST (FEATURES H4): the report behind the Analytics screen, and CSV downloads of each
 * table and of the conversations behind a figure, with the query's filters in the query string.
 * Who may read what is analytics/access.ts, by the role a person was granted (not the mode they
 * work in); exports are refused before the query is even read.
 */

/** A CSV download, streamed as it is written; a failure half-way cuts the response, so a truncated file never passes for a whole one. */
function sendCsv(reply: FastifyReply, name: string, csv: Readable) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .header('cache-control', 'no-store')
    .send(csv);
}

export const analyticsRoutes: Routes = async (app, { ctx }) => {
  const reader = grantedRep(ctx);
  const exporter = grantedRep(ctx, mayExport);

  app.get('/api/analytics/report', { onRequest: reader, schema: { querystring: AnalyticsQuery } }, async (request) => {
    return (await analyticsReport(ctx.db, queryFor(callerRep(request), request.query))) satisfies AnalyticsReport;
  });

  for (const table of AnalyticsTable.options) {
    app.get(
      `/api/analytics/${table}.csv`,
      { onRequest: exporter, schema: { querystring: AnalyticsQuery } },
      async (request, reply) =>
        sendCsv(
          reply,
          `parley-${table}-${request.query.from}-${request.query.to}`,
          tableCsv(ctx.db, request.query, table),
        ),
    );
  }

  app.get(
    '/api/analytics/conversations.csv',
    { onRequest: exporter, schema: { querystring: ConversationListQuery } },
    async (request, reply) => {
      const q = request.query;
      return sendCsv(reply, `parley-conversations-${q.figure}-${q.from}-${q.to}`, conversationsCsv(ctx.db, q));
    },
  );
};
