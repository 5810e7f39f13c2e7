import * as z from 'zod';
import { API_SCOPES, ApiBulkReport, ApiWritten, DATA_API_LIMITS, ErrorBody } from '#protocol';
import { KINDS } from './kinds';

/**
 * The data API's OpenAPI 3.0 document (issue 20), served at /api/v1/openapi.json: every path and body
 * generated from the same zod schemas the routes check with (zod's own toJSONSchema, OpenAPI target),
 * so the document cannot drift from what the hub accepts.
 */

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, target: 'openapi-3.0' });
const json = (s: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: schema(s, io) } });
const refusal = (description: string) => ({ description, content: json(ErrorBody) });

const common = {
  '401': refusal('No key, an unknown key or a revoked key; nothing was written.'),
  '403': refusal('The key lacks the scope this route needs; nothing was written.'),
  '409': refusal('The Idempotency-Key was used for a different request.'),
  '413': refusal('The body is over the limit.'),
  '429': refusal('Too many requests for this key or address; Retry-After says when to try again.'),
};

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: `Up to ${DATA_API_LIMITS.idempotencyKeyChars} characters. A retry with the same key and the same request gets the first answer (with Idempotent-Replayed: true) and writes nothing again; answers are kept ${DATA_API_LIMITS.idempotencyKeepHours} hours.`,
  schema: { type: 'string', maxLength: DATA_API_LIMITS.idempotencyKeyChars },
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(KINDS)) {
    paths[`/api/v1/${name}`] = {
      post: {
        summary: kind.summary,
        description: `Needs the \`${kind.scope}\` scope. At most ${DATA_API_LIMITS.rowBytes} bytes.`,
        tags: [name],
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(kind.schema, 'input') },
        responses: {
          '200': {
            description: 'Written: the record’s id in the hub, and whether it is new.',
            content: json(ApiWritten),
          },
          '400': refusal('Not JSON, fails the schema, or names something the store lacks ("path: reason").'),
          ...common,
        },
      },
    };
    paths[`/api/v1/${name}/bulk`] = {
      post: {
        summary: `Many rows at once: ${kind.summary}`,
        description: `Needs the \`${kind.scope}\` scope. NDJSON: one row a line (the same schema as the single route), at most ${DATA_API_LIMITS.bulkRows} rows and ${DATA_API_LIMITS.bulkBytes} bytes. A refused row is reported with its line number and the others are written, unless \`atomic=true\`: then any refused row means nothing is written (400, with the same report).`,
        tags: [name],
        parameters: [
          idempotencyKey,
          { name: 'atomic', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } },
        ],
        requestBody: {
          required: true,
          content: { 'application/x-ndjson': { schema: { type: 'string', description: 'One JSON row a line.' } } },
        },
        responses: {
          '200': {
            description: 'What was written and which lines were refused, and why.',
            content: json(ApiBulkReport),
          },
          '400': refusal('No rows; or, with atomic=true, a refused row: the body also carries the report.'),
          ...common,
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Parley data API',
      version: '1.0.0',
      description:
        'Upserts the hub’s customer store from a shop or a CRM: products, companies, persons and leads, orders, emails and custom events. A super user makes the API key on the console (Data API); send it as `Authorization: Bearer <key>`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: `An API key made on the console; its scopes (${API_SCOPES.join(', ')}) say which routes it may use.`,
        },
      },
    },
    paths,
  };
}
