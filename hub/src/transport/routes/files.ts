import { once } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isInlineImage, UploadQuery, VisitorUploadQuery, type FileStatus } from '#protocol';
import type { NewFile } from '../../files/records';
import { chatFileSettings } from '../../files/records';
import { judgeFile } from '../../files/sniff';
import { TooLarge } from '../../files/store';
import { HubError } from '../../inbox/errors';
import { accessFor } from '../../inbox/folders';
import { newId } from '../../storage/ids';
import { chatsForRep, postRepMessage } from '../../inbox/rep';
import { loadConversation } from '../../inbox/rows';
import { RULES } from '../../inbox/rules';
import { findChat, isBlocked, postVisitorMessage, toVisitorMessage } from '../../inbox/visitor';
import { visitorForToken } from '../../inbox/visitor-credential';
import type { HubContext } from '../context';
import { addressKey } from '../../net/addresses';
import { assertOriginAllowed } from '../origin-check';
import { FileRefused } from '../rest-errors';
import { callerRep, callerVisitorToken, signedIn, signedInRep, visitor, visitorToken } from './guards';
import { IdParams, type Routes } from './kit';

/**
 * Files over REST (FEATURES D3, D4): the body of an upload is the file's raw bytes, streamed to disk and
 * refused the moment it passes the chat's limit; the type is decided from the bytes. Downloads are
 * checked against the conversation: its visitor, or reps with a view of it — and only accepted files.
 * No content-type parser reads these bodies (see app.ts): the handler streams `request.raw` itself.
 */

/** Answer, then close the connection: the rest of a refused body is not worth reading. */
const hangUp = (reply: FastifyReply) => reply.header('connection', 'close');

async function receive(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: HubContext,
  limit: number,
  declaredName: string,
  uploader: NewFile['uploader'],
  status: FileStatus,
): Promise<NewFile> {
  const tooLarge = () =>
    new FileRefused('file_too_large', `the file is larger than this chat's limit of ${limit} bytes`, limit);
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    hangUp(reply);
    throw tooLarge();
  }
  let received;
  try {
    received = await ctx.files.receive(request.raw, limit);
  } catch (err) {
    if (err instanceof TooLarge) {
      hangUp(reply);
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
  return {
    id,
    uploader,
    name: verdict.name,
    mime: verdict.type.mime,
    size: received.size,
    sha256: received.sha256,
    status,
  };
}

type DownloadRow = {
  id: string;
  name: string;
  mime: string;
  size: number;
  status: FileStatus;
  conversation_id: string;
  visitor_id: string;
  allowed_origins: string[];
};

/** RFC 6266: an ASCII fallback for old clients, the exact name in UTF-8 for the rest. */
const disposition = (kind: 'inline' | 'attachment', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const fileRoutes: Routes = async (app, { ctx }) => {
  app.post(
    '/api/conversations/:id/files',
    { onRequest: signedIn(ctx), schema: { params: IdParams, querystring: UploadQuery } },
    async (request, reply) => {
      const rep = callerRep(request);
      const conversationId = request.params.id;
      const q = request.query;
      // Judged before a byte is stored; judged again inside the transaction that stores the message.
      const conv = await loadConversation(ctx.db, conversationId);
      const chats = await chatsForRep(ctx.db, rep);
      if (!conv || (chats !== 'all' && !chats.includes(conv.chatId)))
        throw new HubError('not_found', 'no such conversation');
      const verdict = RULES.send({ role: rep.role, access: accessFor(conv, rep), status: conv.status });
      if (verdict) throw new HubError(verdict.code, verdict.message);
      const { fileMaxBytes } = await chatFileSettings(ctx.db, conv.chatId);
      const file = await receive(request, reply, ctx, fileMaxBytes, q.name, 'rep', 'accepted');
      const { message } = await postRepMessage(
        ctx.db,
        rep,
        { conversationId, clientId: q.clientId, text: file.name, file },
        ctx.now(),
      ).catch(async (err) => {
        await ctx.files.remove(file.id);
        throw err;
      });
      // A retry of an upload that was stored: the first one stands.
      if (message.attachment?.id !== file.id) await ctx.files.remove(file.id);
      ctx.committed();
      return reply.code(201).send({ message });
    },
  );

  app.post(
    '/api/visitor/files',
    { onRequest: visitor, schema: { querystring: VisitorUploadQuery } },
    async (request, reply) => {
      const q = request.query;
      const chat = await findChat(ctx.db, q.chat);
      const visitorId = chat ? await visitorForToken(ctx.db, chat.id, callerVisitorToken(request)) : null;
      if (!chat || !visitorId) throw new HubError('not_found', 'unknown visitor or chat: open the chat first');
      assertOriginAllowed(request, chat.allowedOrigins); // before a byte is read
      if (await isBlocked(ctx.db, chat.id, visitorId, request.ip, ctx.now(), ctx.trustProxy))
        throw new HubError('forbidden', 'this conversation is suspended');
      await ctx.limits.upload({ visitor: visitorId, chat: chat.id, ip: addressKey(request.ip, ctx.trustProxy) });
      const { fileMaxBytes } = await chatFileSettings(ctx.db, chat.id);
      // A visitor's file waits for the rep's approval (FEATURES D4).
      const file = await receive(request, reply, ctx, fileMaxBytes, q.name, 'visitor', 'pending');
      const { message } = await postVisitorMessage(
        ctx.db,
        { chatId: chat.id, visitorId, clientId: q.clientId, text: file.name, pageUrl: q.pageUrl, file },
        ctx.now(),
      ).catch(async (err) => {
        await ctx.files.remove(file.id);
        throw err;
      });
      if (message.attachment?.id !== file.id) await ctx.files.remove(file.id);
      ctx.committed();
      return reply.code(201).send({ message: toVisitorMessage(message) });
    },
  );

  app.get('/api/files/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const token = visitorToken(request);
    // An unknown credential is answered like someone else's file: as if it did not exist.
    const visitorId = token ? ((await visitorForToken(ctx.db, null, token)) ?? '') : null;
    const rep = token ? null : await signedInRep(request, ctx);
    const [file] = await ctx.db.query<DownloadRow>(
      'select f.id, f.name, f.mime, f.size, f.status, f.conversation_id, c.visitor_id, ch.allowed_origins from files f join conversations c on c.id = f.conversation_id join chats ch on ch.id = c.chat_id where f.id = $1',
      [request.params.id],
    );
    let allowed = false;
    if (file && visitorId !== null) allowed = file.visitor_id === visitorId;
    // The widget's own file, fetched from a page the chat does not allow: refused like the socket.
    if (file && visitorId !== null && allowed) assertOriginAllowed(request, file.allowed_origins);
    if (file && rep) {
      const conv = await loadConversation(ctx.db, file.conversation_id);
      const chats = await chatsForRep(ctx.db, rep);
      // Reps hear of everything in a waiting conversation of their chats; otherwise they need a view of it.
      allowed =
        !!conv &&
        (chats === 'all' || chats.includes(conv.chatId)) &&
        (accessFor(conv, rep) !== 'none' || conv.status === 'pending');
    }
    // Someone else's file is answered as if it did not exist.
    if (!file || !allowed) throw new HubError('not_found', 'no such file');
    if (file.status === 'pending') throw new HubError('forbidden', 'this file waits for the rep to accept it');
    if (file.status === 'rejected') throw new HubError('forbidden', 'this file was rejected');
    const stream = ctx.files.open(file.id);
    await once(stream, 'open'); // a file missing on disk fails here, before any header is sent
    return reply
      .headers({
        'content-type': file.mime,
        'content-length': String(file.size),
        // Only sniffed image types are shown in place; everything else is a download.
        'content-disposition': disposition(isInlineImage(file.mime) ? 'inline' : 'attachment', file.name),
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      })
      .send(stream);
  });
};
