import { LIMITS, PROTOCOL_VERSION, type RepServerFrame } from '#protocol';
import { acting } from '../../auth/sessions';
import { readEvents } from '../../events/log';
import { countDelivered } from '../../metrics/metrics';
import { queuesForRep } from '../../inbox/directory';
import { chatsForRep } from '../../inbox/rep';
import { workChatsFrame } from '../../inbox/work-chats';
import type { HubContext } from '../context';
import { sharedEventFrame } from '../shared-frames';
import { createEventStream } from './event-stream';
import { resumePoint } from './resync';
import type { SocketLife } from './lifecycle';
import { countPresent, joinPeers } from './peers';
import type { RepSession } from './session';
import { eventFor, visibleTo } from './visibility';
import { createChatRepsTeller, createWorkChatsTeller } from './work-chats-teller';

/**
 * The rest of a rep's hello once their token is accepted, in order: their chats, the feed, presence,
 * welcome, the chats they work in and with whom, a full re-sync if the log has pruned past their
 * resume point (resync.ts), the replay up to `synced`, then live as a peer with
 * closing warnings. After each read the socket may have closed; `life` (lifecycle.ts) stops it there.
 */
export async function join(
  ctx: HubContext,
  session: RepSession,
  life: SocketLife,
  send: (f: RepServerFrame) => void,
  lastEventId: number,
): Promise<void> {
  const me = session.rep;
  session.chats = await chatsForRep(ctx.db, acting(me));
  if (life.closed) return;
  const workChats = createWorkChatsTeller(() => workChatsFrame(ctx.db, me.id), send, ctx.log);
  // FEATURES A2: supervisors and super users are shown who works in every chat, queue member or not.
  const scope = me.role === 'rep' ? workChats : { choices: () => 'all' as const, settled: workChats.settled };
  const chatReps = createChatRepsTeller(
    (chatIds) => ctx.chatReps.frameFor(me.id, chatIds),
    scope,
    send,
    () => !life.closed,
    ctx.log,
  );
  const stream = createEventStream(
    // Up to the feed's watermark: what lies past it comes live from the feed, in order.
    (after) => readEvents(ctx.db, after, ctx.feed.position, session.chats, LIMITS.replayPage, me.id),
    LIMITS.replayPage,
    (e) => {
      const viewer = acting(session.rep);
      if (visibleTo(viewer, session.chats, e)) {
        const event = eventFor(viewer, e.event);
        // Most events reach every viewer unchanged: their frame is serialized once for all sockets.
        send(event === e.event ? sharedEventFrame(event) : { type: 'event', event });
        countDelivered('rep');
      }
      // This rep changed their chats, here or on another device: tell this device the choice in force.
      if (e.event.kind === 'rep.chats' && e.event.repId === me.id) void workChats.tell();
      // A super user changed this account, here or on another hub process: look at it again now.
      if (e.event.kind === 'rep.account' && e.event.repId === me.id) void session.account.check(e.event.change);
    },
  );
  // Listening before the replay: the stream holds what arrives meanwhile (event-stream.ts).
  life.keep(ctx.feed.subscribe(stream.live));
  const status = await countPresent(ctx, me, life);
  if (status === null) return;
  send({
    type: 'welcome',
    v: PROTOCOL_VERSION,
    rep: { ...me, status },
    headEventId: ctx.feed.position,
    queues: await queuesForRep(ctx.db, acting(me)),
  });
  await workChats.tell();
  if (!life.keep(ctx.chatReps.subscribe(chatReps.onChange))) return;
  await chatReps.tell();
  const from = await resumePoint(ctx.db, acting(me), session.chats, lastEventId, send);
  if (life.closed) return;
  send({ type: 'synced', lastEventId: await stream.replay(from) });
  if (life.closed) return;
  // FEATURES H4: supervisors and super users (by the role they were granted) get the queues' live view.
  if (me.role !== 'rep') {
    if (!life.keep(ctx.queueLive.subscribe(send))) return;
    send(await ctx.queueLive.current());
    if (life.closed) return;
  }
  session.peer = { rep: acting(me), send };
  joinPeers(ctx, session.peer, life);
  life.keep(session.warnings.start());
}
