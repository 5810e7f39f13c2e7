import { VisitorClientFrame, type VisitorMessage, type VisitorServerFrame } from '../../../protocol/frames';
import { LIMITS } from '../../../protocol/limits';
import { PageUrl } from '../../../protocol/model';
import { PROTOCOL_VERSION } from '../../../protocol/version';
import { Connection } from './connection';
import { translator, type Lang } from './i18n';
import { Outbox, type OutboxEntry } from './outbox';
import { visitorId } from './storage';
import { Thread, viewItems } from './thread';
import { WidgetView } from './view';

export interface WidgetOptions {
  /** e.g. "http://localhost:8080" — where widget.js came from. */
  hubOrigin: string;
  chatKey: string;
  lang: Lang;
  storage: Storage;
  /** An element the widget owns; it gets an open shadow root. */
  host: HTMLElement;
}

/** Wires the pieces: connection ⇄ outbox/thread ⇄ view. Returns a stop function. */
export function startWidget(opts: WidgetOptions): () => void {
  const { chatKey, storage } = opts;
  const t = translator(opts.lang);
  const visitor = visitorId(storage);
  const outbox = new Outbox(storage, chatKey);
  const emailKey = `parley.email.${chatKey}`;
  const pendingEmailKey = `parley.emailPending.${chatKey}`;
  let thread = new Thread();
  let conversationId: string | null = null;

  const view = new WidgetView(
    opts.host.attachShadow({ mode: 'open' }),
    t,
    {
      onSend(raw) {
        const text = raw.trim();
        if (!text) return null;
        if (text.length > LIMITS.messageChars) return t('tooLong', { max: LIMITS.messageChars });
        const entry = outbox.add(text, pageUrl(opts.hubOrigin));
        conn.send(sendFrame(entry));
        render();
        return null;
      },
      onSaveEmail(raw) {
        const parsed = VisitorClientFrame.safeParse({ type: 'identify', email: raw });
        if (!parsed.success || parsed.data.type !== 'identify') return t('emailInvalid');
        write(pendingEmailKey, parsed.data.email);
        view.setEmail({ kind: 'saving', email: parsed.data.email });
        conn.send(parsed.data);
        return null;
      },
    },
    opts.lang,
  );

  const conn = new Connection({
    url: `${opts.hubOrigin.replace(/^http/, 'ws')}/ws/visitor`,
    hello: () => ({ type: 'hello', v: PROTOCOL_VERSION, chatKey, visitorId: visitor }),
    onStatus: (s) => view.setStatus(s),
    onFrame,
  });

  function onFrame(frame: VisitorServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        if (conversationId !== null && frame.conversationId !== conversationId) thread = new Thread();
        conversationId = frame.conversationId;
        frame.messages.forEach(absorb);
        // Everything not yet confirmed goes again, oldest first; the hub drops repeats by clientId.
        for (const entry of outbox.list()) if (!conn.send(sendFrame(entry))) break;
        {
          const email = storage.getItem(pendingEmailKey);
          if (email) conn.send({ type: 'identify', email });
        }
        break;
      case 'message':
        absorb(frame.message);
        if (frame.message.author === 'rep') view.markUnread();
        break;
      case 'ack': {
        const entry = outbox.remove(frame.clientId);
        if (entry) thread.confirm(entry, frame.messageId);
        break;
      }
      case 'identified':
        write(emailKey, frame.email);
        if (storage.getItem(pendingEmailKey) === frame.email) remove(pendingEmailKey);
        view.setEmail({ kind: 'saved', email: frame.email });
        break;
      case 'error':
      case 'pong':
        break;
    }
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

  const pending = storage.getItem(pendingEmailKey);
  const saved = storage.getItem(emailKey);
  if (pending) view.setEmail({ kind: 'saving', email: pending });
  else if (saved) view.setEmail({ kind: 'saved', email: saved });

  // Another tab of the same shop changed the outbox: show its pending lines here too.
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith('parley.')) render();
  };
  window.addEventListener('storage', onStorage);

  render();
  conn.start();
  return () => {
    window.removeEventListener('storage', onStorage);
    conn.stop();
  };
}

function sendFrame(e: OutboxEntry): VisitorClientFrame {
  return { type: 'send', clientId: e.clientId, text: e.text, pageUrl: e.pageUrl };
}

/** The page the visitor is on, as the hub accepts it (a URL of at most LIMITS.urlChars). */
function pageUrl(hubOrigin: string): string {
  for (const candidate of [location.href, location.origin + location.pathname, location.origin, hubOrigin]) {
    if (PageUrl.safeParse(candidate).success) return candidate;
  }
  return hubOrigin;
}
