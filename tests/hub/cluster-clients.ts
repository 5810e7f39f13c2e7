import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '#protocol';
import { wsUrl } from './support';

/**
 * Clients that behave as the extension and the widget do when their hub goes away: they reconnect
 * (through the load balancer, so to any hub), a rep resumes after the last event id it has, a visitor
 * comes back with its credential, and a command not yet acknowledged is sent again with the same
 * client id (the hub answers a repeat without doing it twice). They record everything they receive.
 */
const RECONNECT_MS = 100;
const RETRY_MS = 200;

type Pending = { frame: Record<string, unknown>; resolve: (f: any) => void };

function resilient(url: string, hello: () => Record<string, unknown>, onFrame: (f: any) => void, readyOn: string) {
  let ws: WebSocket | null = null;
  let ready = false;
  let closed = false;
  let connects = 0;
  const pending = new Map<string, Pending>();
  const sendNow = (frame: Record<string, unknown>) => ready && ws?.send(JSON.stringify(frame));
  function open() {
    const s = new WebSocket(url);
    ws = s;
    s.on('open', () => {
      connects += 1;
      s.send(JSON.stringify(hello()));
    });
    s.on('message', (data) => {
      const f = JSON.parse(data.toString());
      onFrame(f);
      if (f.type === readyOn) {
        ready = true;
        for (const p of pending.values()) sendNow(p.frame);
      }
      const key = f.reqId ?? f.clientId;
      const p = key ? pending.get(key) : undefined;
      if (!p || (f.type !== 'ack' && f.type !== 'error')) return;
      if (f.type === 'ack') {
        pending.delete(key);
        p.resolve(f);
      } else setTimeout(() => sendNow(p.frame), RETRY_MS); // e.g. the database was busy: again, same client id
    });
    s.on('close', () => {
      ready = false;
      if (ws === s) ws = null;
      if (!closed) setTimeout(open, RECONNECT_MS);
    });
    s.on('error', () => {});
  }
  open();
  return {
    /** Resolves with the ack, however many connections it takes. */
    command(key: string, frame: Record<string, unknown>): Promise<any> {
      return new Promise((resolve) => {
        pending.set(key, { frame, resolve });
        sendNow(frame);
      });
    },
    get connects() {
      return connects;
    },
    close() {
      closed = true;
      ws?.close();
    },
  };
}

export function resilientRep(lbUrl: string, token: string) {
  const events: any[] = [];
  let lastEventId = 0;
  const client = resilient(
    wsUrl(lbUrl, '/ws/rep'),
    () => ({ type: 'hello', v: PROTOCOL_VERSION, token, lastEventId }),
    (f) => {
      if (f.type !== 'event') return;
      events.push(f.event);
      lastEventId = f.event.id;
    },
    'synced',
  );
  return {
    events,
    get connects() {
      return client.connects;
    },
    cmd(frame: Record<string, unknown>) {
      const reqId = randomUUID();
      return client.command(reqId, { clientId: randomUUID(), ...frame, reqId });
    },
    close: client.close,
  };
}

export function resilientVisitor(lbUrl: string) {
  /** Every message received, by id (the widget shows each once), and the ids in the order first received. */
  const messages = new Map<string, any>();
  const order: string[] = [];
  let token: string | undefined;
  const keep = (m: any) => {
    if (messages.has(m.id)) return;
    messages.set(m.id, m);
    order.push(m.id);
  };
  const client = resilient(
    wsUrl(lbUrl, '/ws/visitor'),
    () => ({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', ...(token ? { token } : {}) }),
    (f) => {
      if (f.type === 'welcome') {
        token ??= f.token;
        f.messages.forEach(keep);
      }
      if (f.type === 'message') keep(f.message);
    },
    'welcome',
  );
  return {
    messages,
    order,
    get connects() {
      return client.connects;
    },
    /** Resolves once the hub has the message (acknowledged), with its client id. */
    async say(text: string): Promise<string> {
      const clientId = randomUUID();
      await client.command(clientId, { type: 'send', clientId, text, pageUrl: 'https://shop.example/' });
      return clientId;
    },
    close: client.close,
  };
}
