import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import {
  PROTOCOL_VERSION,
  VisitorClientFrame,
  type BotLang,
  type ChatAvailability,
  type VisitorServerFrame,
} from '#protocol';
import type { StoredEvent } from '../events/log';
import { HubError } from '../inbox/errors';
import { chatFileSettings } from '../files/records';
import { botChoices, runningBotConversation } from '../bot/run';
import {
  findChat,
  identifyVisitor,
  isBlocked,
  postVisitorMessage,
  touchVisitor,
  toVisitorMessage,
  visitorHistory,
} from '../inbox/visitor';
import { mintVisitor, visitorForToken } from '../inbox/visitor-credential';
import { helloIdentity, identityAnswer } from '../inbox/visitor-identity';
import type { HubContext } from './context';
import { originAllowed } from './origin-check';
import { addressKey } from '../net/addresses';
import { serveFrames, toErrorFrame } from './socket-base';
import { createVisitorTracker } from './visitor-track';
import { countDelivered } from '../metrics/metrics';

type Frame<T extends VisitorClientFrame['type']> = Extract<VisitorClientFrame, { type: T }>;

/** Closing a blocked visitor's socket with this code tells the widget not to come back. */
export const CLOSE_BLOCKED = 4003;
/** WebSocket's "policy violation": the page's origin is not allowed for this chat. */
const CLOSE_POLICY = 1008;
const AVAILABILITY_RECHECK_MS = 60_000;

/** A visitor's widget connection: anonymous, known by the credential the hub minted for its widget (visitor-credential.ts). */
/** `ip`: the client's address (Fastify's, past trusted proxies: PARLEY_TRUSTED_PROXIES). */
export function serveVisitorSocket(
  ws: WebSocket,
  ctx: HubContext,
  req?: IncomingMessage,
  ip: string | null = null,
): void {
  /** The address as per-address limits count it; null when it stands for many (net/addresses.ts). */
  const addr = addressKey(ip, ctx.trustProxy);
  let visitor: { id: string; chatId: string; lang: BotLang } | null = null;
  let conversationId: string | null = null;
  let told: { availability: ChatAvailability | null; queue: string } = { availability: null, queue: 'null' };
  let refresh: NodeJS.Timeout | null = null;
  let unsubscribe = () => {};
  let leaveRelay = () => {};
  /** A draft of this visitor is on reps' screens: clear it when they send. */
  let draftShown = false;
  const track = createVisitorTracker(ctx);
  // Opening hours begin and end with no event to announce them, and settings change: look again each minute.
  const clockCheck = setInterval(() => scheduleRefresh(), AVAILABILITY_RECHECK_MS);
  ws.on('close', () => {
    unsubscribe();
    leaveRelay();
    if (draftShown && conversationId) void ctx.live.draft(conversationId, '').catch(() => {});
    if (visitor) ctx.visitors.left(visitor.id);
    clearInterval(clockCheck);
    if (refresh) clearTimeout(refresh);
  });

  /** The bot's buttons as they are now ([] when none runs); sent after the welcome and after each bot line. */
  // One look at a time, in order, so an older answer never overwrites a newer one.
  let lastChoices = '[]';
  let botLook = Promise.resolve();
  const tellBotChoices = () =>
    (botLook = botLook.then(async () => {
      try {
        const choices = await botChoices(ctx.db, conversationId);
        const key = JSON.stringify(choices);
        if (key === lastChoices) return;
        lastChoices = key;
        send({ type: 'bot', choices });
      } catch (err) {
        ctx.log.error({ err }, 'could not read the bot state');
      }
    }));

  const joined = () => {
    if (!visitor) throw new HubError('not_ready', 'send hello first');
    return visitor;
  };

  /** Re-reads availability and queue place after anything changed in the chat; sends only what changed. */
  const scheduleRefresh = () => {
    if (refresh) return;
    refresh = setTimeout(async () => {
      refresh = null;
      if (!visitor) return;
      try {
        const { availability, queueOf } = await ctx.visitorViews.view(visitor.chatId);
        if (availability !== told.availability) send({ type: 'availability', availability });
        const queue = queueOf(conversationId);
        if (JSON.stringify(queue) !== told.queue) send({ type: 'queue', queue });
        told = { availability, queue: JSON.stringify(queue) };
      } catch (err) {
        ctx.log.error({ err }, 'could not refresh availability');
      }
    }, 100);
  };

  /**
   * Only what can change what this visitor is told triggers a look: a rep's availability, or a
   * conversation moving while ours waits in the queue. Messages — the hot path — never do, so the
   * cost of a message does not grow with the number of visitors online.
   */
  const concernsUs = (e: StoredEvent) =>
    e.event.kind === 'rep.status' ||
    e.event.kind === 'rep.chats' ||
    (e.event.kind !== 'message.created' &&
      e.event.kind !== 'message.updated' &&
      !e.event.kind.startsWith('template.') &&
      (told.queue !== 'null' || e.visitorId === visitor?.id));

  const onEvent = (me: { id: string; chatId: string }) => (e: StoredEvent) => {
    if (e.event.chatId !== me.chatId) return;
    // A super user removed this chat (FEATURES H2): the widget is told and stops, as for a refused origin.
    if (e.event.kind === 'chat.deleted') {
      send({ type: 'error', code: 'not_found', message: 'this chat no longer exists' });
      return void ws.close(CLOSE_POLICY, 'chat removed');
    }
    if (e.visitorId === me.id) {
      if (e.event.kind === 'message.created' || e.event.kind === 'message.updated') {
        send({ type: 'message', message: toVisitorMessage(e.event.message) });
        countDelivered('visitor');
        // The bot's buttons change only when it speaks (the visitor's answer comes first, then its reply).
        if (e.event.message.author === 'system') {
          conversationId = e.event.message.conversationId;
          void tellBotChoices();
        }
      }
      if (e.event.kind === 'conversation.opened' || e.event.kind === 'conversation.updated') {
        const c = e.event.conversation;
        conversationId = c.status === 'pending' || c.status === 'active' ? c.id : conversationId;
        if (c.status === 'closed' && (c.closedReason === 'ended' || c.closedReason === 'blocked')) {
          send({ type: 'ended', reason: c.closedReason });
          if (c.closedReason === 'blocked') ws.close(CLOSE_BLOCKED, 'blocked');
        }
      }
    }
    if (concernsUs(e)) scheduleRefresh();
  };

  /** Sent: the sneak peek of it goes away on the reps' screens (FEATURES D2). */
  const clearDraft = async () => {
    if (!draftShown || !conversationId) return;
    draftShown = false;
    await ctx.live.draft(conversationId, '');
  };

  const handlers: { [T in VisitorClientFrame['type']]: (f: Frame<T>) => Promise<void> } = {
    async hello(f) {
      if (visitor) throw new HubError('bad_frame', 'hello was already sent');
      if (f.v !== PROTOCOL_VERSION)
        throw new HubError('version', `protocol ${f.v} is not supported; this hub speaks ${PROTOCOL_VERSION}`);
      const chat = await findChat(ctx.db, f.chatKey);
      if (!chat) throw new HubError('not_found', `no chat "${f.chatKey}"`);
      // Before anything is stored: a page on a site the chat does not allow gets nothing but the refusal.
      if (req && !originAllowed(req, chat.allowedOrigins)) {
        send(
          toErrorFrame(
            new HubError('origin_not_allowed', `this chat is not available on ${req.headers.origin}`),
            ctx.log,
          ),
        );
        return void ws.close(CLOSE_POLICY, 'origin not allowed');
      }
      // Counted before anything is stored: a hello without a known credential makes a visitor.
      await ctx.limits.visitorFrame('hello', { socket: null, visitor: null, ip: addr });
      // A credential the hub does not know (or none) gets a new visitor: a visitor id alone opens nothing.
      const credential = f.token ? await visitorForToken(ctx.db, chat.id, f.token) : null;
      if (credential) await ctx.limits.visitorFrame('hello', { socket: null, visitor: credential, ip: null });
      // Identity verification: another customer signed in on this browser is a new visitor (visitor-identity.ts).
      const { known, proof } = await helloIdentity(ctx.db, chat.id, credential, f.identity);
      if (await isBlocked(ctx.db, chat.id, known, ip, ctx.now(), ctx.trustProxy)) {
        send({ type: 'ended', reason: 'blocked' });
        return void ws.close(CLOSE_BLOCKED, 'blocked');
      }
      const minted = known ? null : await mintVisitor(ctx.db, chat.id, ip);
      const id = known ?? minted!.id;
      if (known) await touchVisitor(ctx.db, chat.id, known, ip);
      if (proof?.ok) {
        await identifyVisitor(ctx.db, chat.id, id, proof.email, undefined, true);
        ctx.committed();
      }
      await ctx.visitors.arrived(id);
      const me = (visitor = { id, chatId: chat.id, lang: f.lang ?? 'en' });
      // Subscribe first: a message committed while the history loads is sent twice at worst, and the widget dedupes by id.
      unsubscribe = ctx.feed.subscribe(onEvent(me));
      const history = await visitorHistory(ctx.db, chat.id, me.id);
      conversationId = history.conversationId;
      const { availability, queueOf } = await ctx.visitorViews.view(chat.id);
      const queue = queueOf(conversationId);
      told = { availability, queue: JSON.stringify(queue) };
      send({
        type: 'welcome',
        v: PROTOCOL_VERSION,
        visitorId: id,
        ...(minted ? { token: minted.token } : {}),
        ...history,
        availability,
        queue,
      });
      if (proof) send(identityAnswer(proof));
      await sendFeatures(chat.id);
      leaveRelay = ctx.live.addVisitor(me.id, send);
      await tellBotChoices();
    },
    async ping(f) {
      send({ type: 'pong', t: f.t });
    },
    async send(f) {
      const me = joined();
      // Counted once for this message, even if a deadlock makes the transaction run again (writeTx).
      let admitted: Promise<void> | null = null;
      const admitNew = () => (admitted ??= ctx.limits.newConversation(addr));
      const post = { chatId: me.chatId, visitorId: me.id, clientId: f.clientId, text: f.text, pageUrl: f.pageUrl };
      const { message } = await postVisitorMessage(ctx.db, { ...post, lang: me.lang, admitNew }, ctx.now());
      conversationId = message.conversationId;
      ctx.committed();
      send({ type: 'ack', clientId: f.clientId, messageId: message.id });
      await clearDraft();
    },
    /** A routing-bot button: stored as the visitor's message in their words (the label), then fed to the bot. */
    async botChoice(f) {
      const me = joined();
      const run = await runningBotConversation(ctx.db, me.chatId, me.id);
      if (!run) throw new HubError('conflict', 'no bot is waiting for an answer');
      if (!run.offered.includes(f.choice)) throw new HubError('conflict', `the bot is not offering "${f.choice}" now`);
      const answer = {
        chatId: me.chatId,
        visitorId: me.id,
        clientId: f.clientId,
        text: run.label(f.choice),
        pageUrl: f.pageUrl,
        lang: me.lang,
        botInput: { choice: f.choice },
      };
      const { message } = await postVisitorMessage(ctx.db, answer, ctx.now());
      conversationId = message.conversationId;
      ctx.committed();
      send({ type: 'ack', clientId: f.clientId, messageId: message.id });
      await clearDraft();
    },
    async draft(f) {
      const me = joined();
      // No conversation yet: there is no rep to show it to.
      if (!conversationId) return;
      const settings = await chatFileSettings(ctx.db, me.chatId);
      // Switched off for privacy: nothing is relayed, and the widget is told to stop sending.
      if (!settings.sneakPeek) return sendFeatures(me.chatId);
      draftShown = f.text !== '';
      await ctx.live.draft(conversationId, f.text);
    },
    async identify(f) {
      const me = joined();
      await identifyVisitor(ctx.db, me.chatId, me.id, f.email, f.name);
      ctx.committed();
      send({
        type: 'identified',
        ...(f.email !== undefined ? { email: f.email } : {}),
        ...(f.name !== undefined ? { name: f.name } : {}),
      });
    },
    /** Page views and cart changes (FEATURES G1 page tracking): stored for the card, never acknowledged. */
    track: (f) => track(joined(), f),
  };

  async function sendFeatures(chatId: string) {
    const { sneakPeek, fileMaxBytes, trackQuery } = await chatFileSettings(ctx.db, chatId);
    send({ type: 'features', sneakPeek, fileMaxBytes, trackQuery });
  }

  // Rate limits (RATE_LIMITS.visitorFrames) before each handler; hello counts itself, once it knows whom.
  const socketKey = randomUUID();
  const { send: sendRaw } = serveFrames(ws, ctx, 'visitor', VisitorClientFrame, async (f) => {
    if (f.type !== 'hello')
      await ctx.limits.visitorFrame(f.type, { socket: socketKey, visitor: visitor?.id ?? null, ip: addr });
    await (handlers[f.type] as (f: VisitorClientFrame) => Promise<void>)(f);
  });
  const send = (f: VisitorServerFrame) => sendRaw(f);
}
