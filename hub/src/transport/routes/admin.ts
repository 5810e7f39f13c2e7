import {
  BotConfig,
  ChatSettings,
  FILE_LIMITS,
  LIMITS,
  QueueSettings,
  type AdminChatsResponse,
  type BotConfigResponse,
  type RepProfile,
} from '#protocol';
import { loadBotConfig, saveBotConfig } from '../../bot/store';
import { writeTx } from '../../events/log';
import { HubError } from '../../inbox/errors';
import { rerouteQueues } from '../../routing/route';
import type { Sql } from '../../storage/db';
import { callerRep, superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/** Super-user settings (FEATURES H2): chats with their business hours, queues with strategy and capacities, the routing bot (F, H3). */

async function listChats(db: Sql): Promise<AdminChatsResponse> {
  const chats = await db.query<{
    id: string;
    key: string;
    name: string;
    hours: AdminChatsResponse['chats'][number]['hours'];
    file_max_bytes: number | null;
    sneak_peek: boolean;
    allowed_origins: string[];
    identity_verification: boolean;
  }>(
    `select id, key, name, hours, file_max_bytes, sneak_peek, allowed_origins, identity_secret is not null as identity_verification
       from chats order by name`,
  );
  const queues = await db.query<{
    id: string;
    chat_id: string;
    name: string;
    strategy: QueueSettings['strategy'];
    ring_size: number;
    offer_timeout_s: number;
    default_capacity: number;
  }>('select * from queues order by name');
  const members = await db.query<{ queue_id: string; rep_id: string; capacity: number | null }>(
    'select queue_id, rep_id, capacity from queue_members order by position, rep_id',
  );
  const reps = await db.query<{ id: string; name: string; extension: string | null; status: RepProfile['status'] }>(
    'select id, name, extension, status from reps order by name',
  );
  // What a delete would move or remove (FEATURES H2): the console asks where waiting conversations go.
  const counts = await db.query<{ chat_id: string; queue_id: string | null; status: string; n: number | string }>(
    `select chat_id, queue_id, status, count(*) as n from conversations where status in ('pending', 'active', 'closed', 'archived') group by chat_id, queue_id, status`,
  );
  const count = (match: (r: (typeof counts)[number]) => boolean) =>
    counts.filter(match).reduce((sum, r) => sum + Number(r.n), 0);
  return {
    chats: chats.map(({ file_max_bytes, sneak_peek, allowed_origins, identity_verification, ...c }) => ({
      ...c,
      allowedOrigins: allowed_origins,
      identityVerification: identity_verification,
      fileMaxBytes: file_max_bytes ?? FILE_LIMITS.defaultChatFileBytes,
      sneakPeek: sneak_peek,
      counts: {
        waiting: count((r) => r.chat_id === c.id && r.status === 'pending'),
        active: count((r) => r.chat_id === c.id && r.status === 'active'),
        closed: count((r) => r.chat_id === c.id && (r.status === 'closed' || r.status === 'archived')),
      },
      queues: queues
        .filter((q) => q.chat_id === c.id)
        .map((q) => ({
          id: q.id,
          name: q.name,
          strategy: q.strategy,
          ringSize: q.ring_size,
          offerTimeoutSeconds: q.offer_timeout_s,
          defaultCapacity: q.default_capacity,
          waiting: count((r) => r.queue_id === q.id && r.status === 'pending'),
          members: members.filter((m) => m.queue_id === q.id).map((m) => ({ repId: m.rep_id, capacity: m.capacity })),
        })),
    })),
    reps,
  };
}

/** Routing targets must exist in this chat, so a saved bot can always hand over; the lead's owner or pool (FEATURES E5) too. */
async function checkBotTargets(tx: Sql, chatId: string, config: BotConfig) {
  const queueIds = [
    config.followUp.salesQueueId,
    config.customerRoute.kind === 'queue' ? config.customerRoute.queueId : null,
  ].filter((q): q is string => q !== null);
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
  const assign = config.followUp.leadAssign;
  if (assign?.kind === 'owner') {
    const [owner] = await tx.query(`select id from reps where id = $1 and role <> 'observer'`, [assign.ownerId]);
    if (!owner) throw new HubError('bad_frame', `rep ${assign.ownerId} cannot own leads`);
  }
  if (assign?.kind === 'pool') {
    const [pool] = await tx.query(
      'select p.id from crm_pools p join crm_pool_members m on m.pool_id = p.id where p.id = $1 limit 1',
      [assign.poolId],
    );
    if (!pool) throw new HubError('bad_frame', `no distribution pool ${assign.poolId} with members`);
  }
}

export const adminRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const onRequest = superUser(ctx);

  app.get('/api/admin/chats', { onRequest }, async () => listChats(ctx.db));

  app.put(
    '/api/admin/chats/:id',
    { onRequest, schema: { params: IdParams, body: ChatSettings } },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      // File limit, sneak peek and origins left out of the body stay as they are (older settings pages do not send them).
      const origins = body.allowedOrigins ? [...new Set(body.allowedOrigins)] : null;
      const updated = await ctx.db.query(
        'update chats set name = $2, hours = $3, file_max_bytes = coalesce($4, file_max_bytes), sneak_peek = coalesce($5, sneak_peek), allowed_origins = coalesce($6, allowed_origins) where id = $1 returning id',
        [
          id,
          body.name,
          body.hours ? JSON.stringify(body.hours) : null,
          body.fileMaxBytes ?? null,
          body.sneakPeek ?? null,
          origins,
        ],
      );
      if (updated.length === 0) throw new HubError('not_found', 'no such chat');
      ctx.visitorViews.invalidate(id); // new hours or name: visitors see them on their next look
      ctx.committed();
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/admin/queues/:id',
    { onRequest, schema: { params: IdParams, body: QueueSettings } },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      await writeTx(ctx.db, async (tx) => {
        const updated = await tx.query(
          'update queues set name = $2, strategy = $3, ring_size = $4, offer_timeout_s = $5, default_capacity = $6 where id = $1 returning id',
          [id, body.name, body.strategy, body.ringSize, body.offerTimeoutSeconds, body.defaultCapacity],
        );
        if (updated.length === 0) throw new HubError('not_found', 'no such queue');
        const known = await tx.query<{ id: string }>('select id from reps where id = any($1) and deleted_at is null', [
          body.members.map((m) => m.repId),
        ]);
        const missing = body.members.find((m) => !known.some((k) => k.id === m.repId));
        if (missing) throw new HubError('bad_frame', `members: no rep ${missing.repId}`);
        await tx.query('delete from queue_members where queue_id = $1', [id]);
        for (const [position, m] of body.members.entries()) {
          await tx.query('insert into queue_members (queue_id, rep_id, capacity, position) values ($1, $2, $3, $4)', [
            id,
            m.repId,
            m.capacity,
            position,
          ]);
        }
        // New strategy, members or capacities: waiting conversations are offered afresh.
        await rerouteQueues(tx, [id], ctx.now());
      });
      ctx.visitorViews.invalidate();
      // Who works in each chat (FEATURES A2) follows its queues' members.
      ctx.chatReps.invalidateAll();
      ctx.committed();
      return reply.code(204).send();
    },
  );

  /** The routing bot's settings for one chat; the defaults (off) until saved once. */
  app.get('/api/admin/chats/:id/bot', { onRequest, schema: { params: IdParams } }, async (request) => {
    const chatId = request.params.id;
    const [chat] = await ctx.db.query('select id from chats where id = $1', [chatId]);
    if (!chat) throw new HubError('not_found', 'no such chat');
    return { chatId, config: await loadBotConfig(ctx.db, chatId) } satisfies BotConfigResponse;
  });

  // Every bot text in five languages does not fit LIMITS.restBodyBytes.
  app.put(
    '/api/admin/chats/:id/bot',
    { onRequest, bodyLimit: LIMITS.botConfigBytes, schema: { params: IdParams, body: BotConfig } },
    async (request, reply) => {
      const chatId = request.params.id;
      const config = request.body;
      await writeTx(ctx.db, async (tx) => {
        const [chat] = await tx.query('select id from chats where id = $1', [chatId]);
        if (!chat) throw new HubError('not_found', 'no such chat');
        await checkBotTargets(tx, chatId, config);
        await saveBotConfig(tx, chatId, config, callerRep(request).id);
      });
      return reply.code(204).send();
    },
  );
};
