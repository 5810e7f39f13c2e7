import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ErrorBody, LIMITS } from '../../../protocol';
import { HubError } from '../inbox/errors';
import type { HubContext } from './context';

/** What every REST handler shares: JSON answers, error bodies, size-capped schema-checked bodies, bearer tokens. */

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: HubContext) => Promise<void>;

export const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

export const fail = (res: ServerResponse, status: number, code: string, message: string, limit?: number) =>
  json(res, status, { error: { code, message, ...(limit ? { limit } : {}) } } satisfies ErrorBody);

export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.infer<S>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LIMITS.restBodyBytes) throw new HubError('too_large', `request body is larger than ${LIMITS.restBodyBytes} bytes`, LIMITS.restBodyBytes);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HubError('bad_frame', 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError('bad_frame', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

export const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];

