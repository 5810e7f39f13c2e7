import type { IncomingMessage } from 'node:http';
import { BotConfig, ChatSettings, FILE_LIMITS, LIMITS, QueueSettings, type AdminChatsResponse, type BotConfigResponse, type RepProfile } from '../../../protocol';
import { loadBotConfig, saveBotConfig } from '../bot/store';
import { repForToken } from '../auth/sessions';
import { writeTx } from '../events/log';
import { HubError } from '../inbox/errors';
import { rerouteQueues } from '../routing/route';
import type { HubContext } from './context';
import { bearer, json, readJson, type Handler } from './http-util';

/** Super-user settings (SPEC H2): chats with their business hours, queues with strategy and capacities. */

/** The signed-in super user, or a refusal: 401 without a valid token, 403 for anyone else. */
export async function superUser(req: IncomingMessage, ctx: HubContext): Promise<RepProfile> {
  const token = bearer(req);
  const rep = token ? await repForToken(ctx.db, token) : null;
  if (!rep) throw new HubError('unauthorized', 'sign in again: missing or invalid token');
  if (rep.role !== 'admin') throw new HubError('forbidden', 'only super users can change settings');
  return rep;
}

const listChats: Handler = async (req, res, ctx) => {
  await superUser(req, ctx);
  const chats = await ctx.db.query<{ id: string; key: string; name: string; hours: AdminChatsResponse['chats'][number]['hours']; file_max_bytes: number | null; sneak_peek: boolean; allowed_origins: string[] }>(
    'select id, key, name, hours, file_max_bytes, sneak_peek, allowed_origins from chats order by name',
  );
  const queues = await ctx.db.query<{ id: string; chat_id: string; name: string; strategy: QueueSettings['strategy']; ring_size: number; offer_timeout_s: number; default_capacity: number }>('select * from queues order by name');
  const members = await ctx.db.query<{ queue_id: string; rep_id: string; capacity: number | null }>('select queue_id, rep_id, capacity from queue_members order by position, rep_id');
  const reps = await ctx.db.query<{ id: string; name: string; extension: string | null; status: RepProfile['status'] }>('select id, name, extension, status from reps order by name');
  const body: AdminChatsResponse = {
    chats: chats.map(({ file_max_bytes, sneak_peek, allowed_origins, ...c }) => ({
      ...c,
      allowedOrigins: allowed_origins,
      fileMaxBytes: file_max_bytes ?? FILE_LIMITS.defaultChatFileBytes,
      sneakPeek: sneak_peek,
      queues: queues.filter((q) => q.chat_id === c.id).map((q) => ({
        id: q.id, name: q.name, strategy: q.strategy, ringSize: q.ring_size, offerTimeoutSeconds: q.offer_timeout_s, defaultCapacity: q.default_capacity,
        members: members.filter((m) => m.queue_id === q.id).map((m) => ({ repId: m.rep_id, capacity: m.capacity })),
      })),
    })),
    reps,
  };
  json(res, 200, body);
};

const saveChat = (id: string): Handler => async (req, res, ctx) => {
  await superUser(req, ctx);
  const body = await readJson(req, res, ChatSettings);
  // File limit, sneak peek and origins left out of the body stay as they are (older settings pages do not send them).
  const origins = body.allowedOrigins ? [...new Set(body.allowedOrigins)] : null;
  const updated = await ctx.db.query(
    'update chats set name = $2, hours = $3, file_max_bytes = coalesce($4, file_max_bytes), sneak_peek = coalesce($5, sneak_peek), allowed_origins = coalesce($6, allowed_origins) where id = $1 returning id',
    [id, body.name, body.hours ? JSON.stringify(body.hours) : null, body.fileMaxBytes ?? null, body.sneakPeek ?? null, origins],
  );
  if (updated.length === 0) throw new HubError('not_found', 'no such chat');
  ctx.visitorViews.invalidate(id); // new hours or name: visitors see them on their next look
  ctx.committed();
  res.writeHead(204).end();
};

const saveQueue = (id: string): Handler => async (req, res, ctx) => {
  await superUser(req, ctx);
  const body = await readJson(req, res, QueueSettings);
  await writeTx(ctx.db, async (tx) => {
    const updated = await tx.query(
      'update queues set name = $2, strategy = $3, ring_size = $4, offer_timeout_s = $5, default_capacity = $6 where id = $1 returning id',
      [id, body.name, body.strategy, body.ringSize, body.offerTimeoutSeconds, body.defaultCapacity],
    );
    if (updated.length === 0) throw new HubError('not_found', 'no such queue');
    const known = await tx.query<{ id: string }>('select id from reps where id = any($1)', [body.members.map((m) => m.repId)]);
    const missing = body.members.find((m) => !known.some((k) => k.id === m.repId));
    if (missing) throw new HubError('bad_frame', `members: no rep ${missing.repId}`);
    await tx.query('delete from queue_members where queue_id = $1', [id]);
    for (const [position, m] of body.members.entries()) {
      await tx.query('insert into queue_members (queue_id, rep_id, capacity, position) values ($1, $2, $3, $4)', [id, m.repId, m.capacity, position]);
    }
    // New strategy, members or capacities: waiting conversations are offered afresh.
    await rerouteQueues(tx, [id], ctx.now());
  });
  ctx.visitorViews.invalidate();
  // Who works in each chat (SPEC A2) follows its queues' members.
  ctx.chatReps.invalidateAll();
  ctx.committed();
  res.writeHead(204).end();
};

/** The routing bot's settings for one chat (SPEC F, H3); the defaults (off) until saved once. */
const getBot = (chatId: string): Handler => async (req, res, ctx) => {
  await superUser(req, ctx);
  const [chat] = await ctx.db.query('select id from chats where id = $1', [chatId]);
  if (!chat) throw new HubError('not_found', 'no such chat');
  json(res, 200, { chatId, config: await loadBotConfig(ctx.db, chatId) } satisfies BotConfigResponse);
};

const saveBot = (chatId: string): Handler => async (req, res, ctx) => {
  const rep = await superUser(req, ctx);
  const config = await readJson(req, res, BotConfig, LIMITS.botConfigBytes);
  await writeTx(ctx.db, async (tx) => {
    const [chat] = await tx.query('select id from chats where id = $1', [chatId]);
    if (!chat) throw new HubError('not_found', 'no such chat');
    // Routing targets must exist in this chat, so a saved bot can always hand over.
    const queueIds = [config.followUp.salesQueueId, config.customerRoute.kind === 'queue' ? config.customerRoute.queueId : null].filter((q): q is string => q !== null);
    for (const id of queueIds) {
      const [q] = await tx.query('select id from queues where id = $1 and chat_id = $2', [id, chatId]);
      if (!q) throw new HubError('bad_frame', `no queue ${id} in this chat`);
    }
    if (config.customerRoute.kind === 'rep') {
      const [r] = await tx.query(
        'select r.id from reps r join queue_members m on m.rep_id = r.id join queues q on q.id = m.queue_id where r.id = $1 and q.chat_id = $2 limit 1',
        [config.customerRoute.repId, chatId],
      );
      if (!r) throw new HubError('bad_frame', `rep ${config.customerRoute.repId} does not work in this chat`);
    }
    // The lead's owner or pool (SPEC E5) must exist too, so the bot's leads never go to no one by mistake.
    const assign = config.followUp.leadAssign;
    if (assign?.kind === 'owner') {
      const [owner] = await tx.query(`select id from reps where id = $1 and role <> 'observer'`, [assign.ownerId]);
      if (!owner) throw new HubError('bad_frame', `rep ${assign.ownerId} cannot own leads`);
    }
    if (assign?.kind === 'pool') {
      const [pool] = await tx.query('select p.id from crm_pools p join crm_pool_members m on m.pool_id = p.id where p.id = $1 limit 1', [assign.poolId]);
      if (!pool) throw new HubError('bad_frame', `no distribution pool ${assign.poolId} with members`);
    }
    await saveBotConfig(tx, chatId, config, rep.id);
  });
  res.writeHead(204).end();
};

export function adminRoute(method: string, path: string): Handler | undefined {
  if (method === 'GET' && path === '/api/admin/chats') return listChats;
  const bot = /^\/api\/admin\/chats\/([A-Za-z0-9_-]{1,64})\/bot$/.exec(path);
  if (bot) return method === 'GET' ? getBot(bot[1]) : method === 'PUT' ? saveBot(bot[1]) : undefined;
  const m = /^\/api\/admin\/(chats|queues)\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (method !== 'PUT' || !m) return undefined;
  return m[1] === 'chats' ? saveChat(m[2]) : saveQueue(m[2]);
}
