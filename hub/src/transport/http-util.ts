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

/**
 * Past this many bytes an oversized body is no longer drained: the answer says `connection: close`
 * and the socket goes once it is sent. Below it the rest is read and dropped, so the 413 reaches the
 * client and a keep-alive connection stays in step (a half-read body once left the next request on
 * that socket unanswered).
 */
const DRAIN_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  const tooLarge = () => new HubError('too_large', `request body is larger than ${limit} bytes`, limit);
  const hangUp = () => {
    res.setHeader('connection', 'close');
    res.once('finish', () => req.socket.destroySoon());
  };
  if (Number(req.headers['content-length'] ?? 0) > DRAIN_BYTES) {
    hangUp();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      if (size > DRAIN_BYTES && !res.hasHeader('connection')) {
        hangUp();
        reject(tooLarge());
      }
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** The body parsed with its schema; `limit` for the few bodies allowed past LIMITS.restBodyBytes (bot settings). */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: S, limit: number = LIMITS.restBodyBytes): Promise<z.infer<S>> {
  const raw = await readBody(req, res, limit);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
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

