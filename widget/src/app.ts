// The widget's wiring: connection ⇄ outbox / thread / session ⇄ view, and what each hub frame does.
import { VisitorClientFrame, VisitorIdentity, type VisitorMessage, type VisitorServerFrame } from '#protocol/visitor';
import { LIMITS } from '#protocol/limits';
import { PROTOCOL_VERSION } from '#protocol/version';
import { dispatchByType, type HandlerMap } from '#protocol/handlers';
import { Connection } from './connection';
import { DetailsStore, parseDetails, validEmail, type Details } from './details';
import { translator, type Lang } from './i18n';
import { Outbox, type OutboxEntry } from './outbox';
import { initialSession, reduce, viewModel, type SessionEvent } from './session';
import { uuid, VisitorCredential } from './storage';
import { Thread, viewItems } from './thread';
import { WidgetView } from './view';
import { fileApi } from './files';
import { pageUrl } from './page-url';
import { Uploads } from './uploads';
import { DraftSender, TypingIndicator } from './live';
import type { Shell } from './shell';
import { Tracker } from './tracker';
import type { TrackQueue } from './track-queue';

/** How long a blocked visitor with the panel open sees "suspended" before the widget goes away. */
const BLOCK_NOTICE_MS = 4000;

export interface WidgetOptions {
  /** e.g. "http://localhost:8080" — where widget.js came from. */
  hubOrigin: string;
  chatKey: string;
  lang: Lang;
  storage: Storage;
  /** The shadow root the widget lives in (the loader's, closed). */
  shadow: ShadowRoot;
  /** The loader's launcher, taken over; a new one when absent (tests). */
  shell?: Shell;
  /** Open the panel once mounted (the visitor clicked the bubble to load us). */
  openAtStart?: boolean;
  /** The loader's page-tracking queue (FEATURES G1), sent from once the hub welcomes us; null: tracking is off. */
  tracking?: TrackQueue | null;
  /**
   * The page's signed-in customer (identity verification, issue 14): their email and the shop
   * server's HMAC-SHA256 of it, sent in every hello; a malformed one is dropped with a warning.
   */
  identity?: { email: string; hash: string } | null;
  /** For tests: a WebSocket class and a shorter blocked-notice time. */
  WebSocketImpl?: typeof WebSocket;
  blockNoticeMs?: number;
}

/** Wires the pieces: connection ⇄ outbox/thread ⇄ view. Returns a stop function. */
export function startWidget(opts: WidgetOptions): () => void {
  const { chatKey, storage } = opts;
  const t = translator(opts.lang);
  const credential = new VisitorCredential(storage, chatKey);
  const outbox = new Outbox(storage, chatKey);
  const details = new DetailsStore(storage, chatKey);
  const conversationKey = `parley.conversation.${chatKey}`;
  let thread = new Thread();
  let conversationId: string | null = null;
  let session = initialSession;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const files = fileApi(opts.hubOrigin, chatKey, () => credential.token);
  /** The chat keeps pages' query strings (features.trackQuery); until the hub says so, origin and path only. */
  let keepQuery = false;

  const view = new WidgetView(
    opts.shadow,
    t,
    {
      onSend(raw) {
        const text = raw.trim();
        if (!text) return null;
        if (text.length > LIMITS.messageChars) return t('tooLong', { max: LIMITS.messageChars });
        drafts.sent();
        enqueue(text);
        dispatch({ type: 'sent' });
        return null;
      },
      onDraft: (text) => drafts.changed(text),
      onAttach: (picked) => void uploads.send(picked),
      fetchFile: (fileId) => files.fetch(fileId),
      onSaveDetails(rawEmail, rawName) {
        const parsed = parseDetails(rawEmail, rawName);
        if (!parsed.ok) return t(parsed.error, { max: LIMITS.nameChars });
        identify(parsed.details);
        return null;
      },
      onOfflineSend(rawEmail, rawText) {
        const text = rawText.trim();
        const email = validEmail(rawEmail);
        if (!email) return { field: 'email', error: t('emailInvalid') };
        if (!text) return { field: 'message', error: t('messageEmpty') };
        if (text.length > LIMITS.messageChars)
          return { field: 'message', error: t('tooLong', { max: LIMITS.messageChars }) };
        // Email first, so the message lands on a visitor the hub can already reply to by email.
        identify({ email });
        enqueue(text);
        dispatch({ type: 'offlineSent' });
        return null;
      },
      onBotChoice(choice) {
        return conn.send({ type: 'botChoice', clientId: uuid(), choice, pageUrl: pageUrl(opts.hubOrigin, keepQuery) });
      },
    },
    opts.lang,
    opts.shell,
  );

  const identity = signedIn(opts.identity);
  const conn = new Connection({
    url: `${opts.hubOrigin.replace(/^http/, 'ws')}/ws/visitor`,
    // The language goes with hello: the routing bot speaks the visitor's.
    hello: () => ({
      type: 'hello',
      v: PROTOCOL_VERSION,
      chatKey,
      ...(credential.token ? { token: credential.token } : {}),
      ...(identity ? { identity } : {}),
      lang: opts.lang,
    }),
    onStatus: (status) => dispatch({ type: 'status', status }),
    onFrame,
    WebSocketImpl: opts.WebSocketImpl,
  });
  const drafts = new DraftSender((frame) => conn.send(frame));
  const typing = new TypingIndicator((on) => view.setTyping(on));
  const tracker = opts.tracking ? new Tracker(opts.tracking, (frame) => conn.send(frame)) : null;

  /** FEATURES D3: each file goes up on its own; a visitor's file then waits for the rep (FEATURES D4). */
  const uploads = new Uploads(
    files,
    view,
    t,
    () => pageUrl(opts.hubOrigin, keepQuery),
    (message) => {
      absorb(message);
      render();
    },
  );

  /**
   * What each hub frame does beyond the session reducer (`dispatch`, which every frame goes through
   * first). One entry per frame type: a frame added to protocol/visitor.ts fails the type check here
   * until the widget says what it does with it.
   */
  const frameHandlers: HandlerMap<VisitorServerFrame> = {
    welcome(frame) {
      // A new visitor (first visit, or a credential the hub did not know): keep its credential.
      if (frame.token) credential.set(frame.token);
      if (conversationId !== null && frame.conversationId !== conversationId) thread = new Thread();
      conversationId = frame.conversationId;
      view.setBotChoices([]); // the hub sends the bot's buttons again after a welcome if it is waiting
      // Tells the loader on the next page view to load the body at once (replies, unread, block).
      if (conversationId) write(conversationKey, conversationId);
      else if (outbox.list().length === 0) remove(conversationKey);
      frame.messages.forEach(absorb);
      // Page tracking goes once `features` has said how pages are kept. A pending email first (the offline form sends it before its message), then everything not
      // yet confirmed, oldest first; the hub drops repeats by clientId.
      const owed = details.pendingFrame();
      if (owed) conn.send(owed);
      for (const entry of outbox.list()) if (!conn.send(sendFrame(entry))) break;
    },
    availability: nothingMore, // the session shows it
    queue: nothingMore, // the session shows it
    ended(frame) {
      // The connection stops itself on a block; we only take the widget away, after a moment if
      // the visitor is looking at the panel (so the notice can be read), otherwise at once.
      if (frame.reason === 'blocked' && hideTimer === undefined) {
        hideTimer = setTimeout(
          () => dispatch({ type: 'hide' }),
          view.isOpen ? (opts.blockNoticeMs ?? BLOCK_NOTICE_MS) : 0,
        );
      }
    },
    message(frame) {
      absorb(frame.message);
      if (frame.message.author === 'rep') {
        view.markUnread();
        typing.set(false);
      }
    },
    typing: (frame) => typing.set(frame.typing),
    features(frame) {
      drafts.setEnabled(frame.sneakPeek);
      uploads.maxBytes = frame.fileMaxBytes;
      keepQuery = frame.trackQuery;
      tracker?.configure(frame.trackQuery);
    },
    ack(frame) {
      const entry = outbox.remove(frame.clientId);
      if (entry) thread.confirm(entry, frame.messageId);
    },
    identified(frame) {
      details.confirmed({ email: frame.email, name: frame.name });
      view.setDetails(details.state());
    },
    bot: (frame) => view.setBotChoices(frame.choices),
    error: nothingMore, // a fatal one stops the connection before it gets here; others show nothing
    pong: nothingMore, // the connection counts every frame as a sign of life
  };

  function onFrame(frame: VisitorServerFrame): void {
    dispatch(frame);
    dispatchByType(frameHandlers, frame);
    render();
  }

  /** A message from the hub; if it is one of ours still in the outbox, it has arrived. */
  function absorb(m: VisitorMessage): void {
    thread.upsert(m);
    if (m.author === 'visitor' && m.clientId) outbox.remove(m.clientId);
  }

  function render(): void {
    view.setItems(viewItems(thread, outbox.list()));
  }

  function dispatch(e: SessionEvent): void {
    session = reduce(session, e);
    view.render(viewModel(session, t));
  }

  /** Stores the text in the outbox before sending, so nothing is lost if the socket is down. */
  function enqueue(text: string): void {
    // From now on this browser has a conversation here: the next page view loads the body at once.
    if (!storage.getItem(conversationKey)) write(conversationKey, conversationId ?? 'new');
    const entry = outbox.add(text, pageUrl(opts.hubOrigin, keepQuery));
    conn.send(sendFrame(entry));
    render();
  }

  /** Remembers and sends valid details (pending until `identified`). */
  function identify(given: Details): void {
    details.setPending(given);
    view.setDetails({ kind: 'saving', details: given });
    conn.send({ type: 'identify', ...given });
  }

  function write(key: string, value: string): void {
    try {
      storage.setItem(key, value);
    } catch {
      /* storage full: kept for this page only via the view */
    }
  }
  function remove(key: string): void {
    try {
      storage.removeItem(key);
    } catch {
      /* ignore */
    }
  }

  view.setDetails(details.state());

  // Another tab of the same shop changed the outbox: show its pending lines here too.
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith('parley.')) render();
  };
  window.addEventListener('storage', onStorage);

  render();
  view.render(viewModel(session, t));
  if (opts.openAtStart) view.setOpen(true);
  conn.start();
  return () => {
    clearTimeout(hideTimer);
    window.removeEventListener('storage', onStorage);
    conn.stop();
    typing.stop();
    tracker?.stop();
  };
}

function sendFrame(e: OutboxEntry): VisitorClientFrame {
  return { type: 'send', clientId: e.clientId, text: e.text, pageUrl: e.pageUrl };
}

/** For the frames the session reducer and the connection have fully dealt with. */
function nothingMore(): void {}

/** The page's identity claim if it is well formed (else the hub would refuse the hello itself), or null. */
function signedIn(identity: WidgetOptions['identity']): VisitorIdentity | null {
  if (!identity) return null;
  const parsed = VisitorIdentity.safeParse(identity);
  if (parsed.success) return parsed.data;
  console.warn('[parley] data-user-email/data-user-hash ignored: the hash must be the 64 hex digits of an HMAC-SHA256');
  return null;
}
