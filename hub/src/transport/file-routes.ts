import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { isInlineImage, UploadQuery, VISITOR_HEADER, VisitorToken, VisitorUploadQuery, type FileRefusal, type FileStatus } from '../../../protocol';
import { acting, repForToken } from '../auth/sessions';
import type { NewFile } from '../files/records';
import { chatFileSettings } from '../files/records';
import { judgeFile } from '../files/sniff';
import { TooLarge } from '../files/store';
import { HubError } from '../inbox/errors';
import { accessFor } from '../inbox/folders';
import { newId } from '../storage/ids';
import { chatsForRep, postRepMessage } from '../inbox/rep';
import { loadConversation } from '../inbox/rows';
import { RULES } from '../inbox/rules';
import { findChat, isBlocked, postVisitorMessage, toVisitorMessage } from '../inbox/visitor';
import { visitorForToken } from '../inbox/visitor-credential';
import type { HubContext } from './context';
import { assertOriginAllowed } from './origin-check';
import { clientIp } from '../net/client-ip';
import { bearer, fail, json, type Handler } from './http-util';

/**
 * Files over REST (SPEC D3, D4): the body of an upload is the file's raw bytes, streamed to disk and
 * refused the moment it passes the chat's limit; the type is decided from the bytes. Downloads are
 * checked against the conversation: its visitor, or reps with a view of it — and only accepted files.
 */

class FileRefused extends Error {
  constructor(
    readonly code: FileRefusal,
    message: string,
    readonly limit?: number,
  ) {
    super(message);
  }
}

const REFUSAL_STATUS: Record<FileRefusal, number> = { file_empty: 400, file_name_invalid: 400, file_too_large: 413, file_type_not_allowed: 415, file_type_mismatch: 415 };

function query<S extends z.ZodType>(req: IncomingMessage, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url ?? '/', 'http://hub').searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError('bad_frame', `${issue.path.join('.') || 'query'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Answer, then close the connection: the rest of a refused body is not worth reading. */
function hangUp(req: IncomingMessage, res: ServerResponse) {
  res.setHeader('connection', 'close');
  res.once('finish', () => req.socket.destroySoon());
}

async function receive(req: IncomingMessage, res: ServerResponse, ctx: HubContext, limit: number, declaredName: string, uploader: NewFile['uploader'], status: FileStatus): Promise<NewFile> {
  const tooLarge = () => new FileRefused('file_too_large', `the file is larger than this chat's limit of ${limit} bytes`, limit);
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    hangUp(req, res);
    throw tooLarge();
  }
  let received;
  try {
    received = await ctx.files.receive(req, limit);
  } catch (err) {
    if (err instanceof TooLarge) {
      hangUp(req, res);
      throw tooLarge();
    }
    throw err;
  }
  const verdict = await judgeFile(received.tmp, received.size, declaredName);
  if (!verdict.ok) {
    await ctx.files.discard(received.tmp);
    throw new FileRefused(verdict.code, verdict.message);
  }
  const id = newId('f');
  await ctx.files.keep(received.tmp, id);
  return { id, uploader, name: verdict.name, mime: verdict.type.mime, size: received.size, sha256: received.sha256, status };
}

async function signedInRep(req: IncomingMessage, ctx: HubContext) {
  const token = bearer(req);
  const rep = token ? await repForToken(ctx.db, token) : null;
  if (!rep) throw new HubError('unauthorized', 'sign in again: missing or invalid token');
  return acting(rep);
}

const repUpload = (conversationId: string): Handler => async (req, res, ctx) => {
  const rep = await signedInRep(req, ctx);
  const q = query(req, UploadQuery);
  // Judged before a byte is stored; judged again inside the transaction that stores the message.
  const conv = await loadConversation(ctx.db, conversationId);
  const chats = await chatsForRep(ctx.db, rep);
  if (!conv || (chats !== 'all' && !chats.includes(conv.chatId))) throw new HubError('not_found', 'no such conversation');
  const verdict = RULES.send({ role: rep.role, access: accessFor(conv, rep), status: conv.status });
  if (verdict) throw new HubError(verdict.code, verdict.message);
  const { fileMaxBytes } = await chatFileSettings(ctx.db, conv.chatId);
  const file = await receive(req, res, ctx, fileMaxBytes, q.name, 'rep', 'accepted');
  const { message } = await postRepMessage(ctx.db, rep, { conversationId, clientId: q.clientId, text: file.name, file }, ctx.now()).catch(async (err) => {
    await ctx.files.remove(file.id);
    throw err;
  });
  // A retry of an upload that was stored: the first one stands.
  if (message.attachment?.id !== file.id) await ctx.files.remove(file.id);
  ctx.committed();
  json(res, 201, { message });
};

/** The visitor credential in the header, if any (a rep's request has none). */
function visitorTokenOf(req: IncomingMessage): string | null {
  const raw = req.headers[VISITOR_HEADER];
  if (raw === undefined) return null;
  const parsed = VisitorToken.safeParse(raw);
  if (!parsed.success) throw new HubError('unauthorized', `${VISITOR_HEADER} is not a visitor credential`);
  return parsed.data;
}

const visitorUpload: Handler = async (req, res, ctx) => {
  const token = visitorTokenOf(req);
  if (!token) throw new HubError('unauthorized', `missing ${VISITOR_HEADER}`);
  const q = query(req, VisitorUploadQuery);
  const chat = await findChat(ctx.db, q.chat);
  const visitorId = chat ? await visitorForToken(ctx.db, chat.id, token) : null;
  if (!chat || !visitorId) throw new HubError('not_found', 'unknown visitor or chat: open the chat first');
  assertOriginAllowed(req, chat.allowedOrigins); // before a byte is read
  if (await isBlocked(ctx.db, chat.id, visitorId, clientIp(req, ctx.trustProxy), ctx.now(), ctx.trustProxy)) throw new HubError('forbidden', 'this conversation is suspended');
  const { fileMaxBytes } = await chatFileSettings(ctx.db, chat.id);
  // A visitor's file waits for the rep's approval (SPEC D4).
  const file = await receive(req, res, ctx, fileMaxBytes, q.name, 'visitor', 'pending');
  const { message } = await postVisitorMessage(ctx.db, { chatId: chat.id, visitorId, clientId: q.clientId, text: file.name, pageUrl: q.pageUrl, file }, ctx.now()).catch(async (err) => {
    await ctx.files.remove(file.id);
    throw err;
  });
  if (message.attachment?.id !== file.id) await ctx.files.remove(file.id);
  ctx.committed();
  json(res, 201, { message: toVisitorMessage(message) });
};

type DownloadRow = { id: string; name: string; mime: string; size: number; status: FileStatus; conversation_id: string; visitor_id: string; allowed_origins: string[] };

/** RFC 6266: an ASCII fallback for old clients, the exact name in UTF-8 for the rest. */
const disposition = (kind: 'inline' | 'attachment', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const download = (fileId: string): Handler => async (req, res, ctx) => {
  const token = visitorTokenOf(req);
  // An unknown credential is answered like someone else's file: as if it did not exist.
  const visitorId = token ? ((await visitorForToken(ctx.db, null, token)) ?? '') : null;
  const rep = token ? null : await signedInRep(req, ctx);
  const [file] = await ctx.db.query<DownloadRow>(
    'select f.id, f.name, f.mime, f.size, f.status, f.conversation_id, c.visitor_id, ch.allowed_origins from files f join conversations c on c.id = f.conversation_id join chats ch on ch.id = c.chat_id where f.id = $1',
    [fileId],
  );
  let allowed = false;
  if (file && visitorId !== null) allowed = file.visitor_id === visitorId;
  // The widget's own file, fetched from a page the chat does not allow: refused like the socket.
  if (file && visitorId !== null && allowed) assertOriginAllowed(req, file.allowed_origins);
  if (file && rep) {
    const conv = await loadConversation(ctx.db, file.conversation_id);
    const chats = await chatsForRep(ctx.db, rep);
    // Reps hear of everything in a waiting conversation of their chats; otherwise they need a view of it.
    allowed = !!conv && (chats === 'all' || chats.includes(conv.chatId)) && (accessFor(conv, rep) !== 'none' || conv.status === 'pending');
  }
  // Someone else's file is answered as if it did not exist.
  if (!file || !allowed) throw new HubError('not_found', 'no such file');
  if (file.status === 'pending') throw new HubError('forbidden', 'this file waits for the rep to accept it');
  if (file.status === 'rejected') throw new HubError('forbidden', 'this file was rejected');
  const stream = ctx.files.open(file.id);
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.once('open', () => {
      res.writeHead(200, {
        'content-type': file.mime,
        'content-length': String(file.size),
        // Only sniffed image types are shown in place; everything else is a download.
        'content-disposition': disposition(isInlineImage(file.mime) ? 'inline' : 'attachment', file.name),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      });
      stream.pipe(res);
      stream.once('end', resolve);
    });
  });
};

/** Turns a refusal into its REST error body (code, reason, and the limit where there is one). */
const guarded = (handler: Handler): Handler => async (req, res, ctx) => {
  try {
    await handler(req, res, ctx);
  } catch (err) {
    if (!(err instanceof FileRefused)) throw err;
    fail(res, REFUSAL_STATUS[err.code], err.code, err.message, err.limit);
  }
};

export function fileRoute(method: string, path: string): Handler | undefined {
  if (method === 'POST' && path === '/api/visitor/files') return guarded(visitorUpload);
  const upload = /^\/api\/conversations\/([A-Za-z0-9_-]{1,64})\/files$/.exec(path);
  if (method === 'POST' && upload) return guarded(repUpload(upload[1]));
  const get = /^\/api\/files\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (method === 'GET' && get) return download(get[1]);
  return undefined;
}
