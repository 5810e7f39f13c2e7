import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '#protocol';

/**
 * Raw protocol clients for end-to-end set-up: more visitors and reps than browsers can be opened
 * for, talking to the same real hub the extension and widget use. Each command waits for the hub's
 * answer and throws on a refusal, so a set-up step that fails says so.
 */
interface Client {
  send(frame: Record<string, unknown>): void;
  next(match: (f: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): void;
}

async function open(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  const frames: any[] = [];
  const waiters: { match: (f: any) => boolean; resolve: (f: any) => void }[] = [];
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString());
    const waiter = waiters.find((w) => w.match(f));
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(f);
    } else frames.push(f);
  });
  await new Promise((ok, fail) => (ws.once('open', ok), ws.once('error', fail)));
  return {
    send: (frame) => ws.send(JSON.stringify(frame)),
    next(match, timeoutMs = 30_000) {
      const seen = frames.find(match);
      if (seen) {
        frames.splice(frames.indexOf(seen), 1);
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer from the hub in time')), timeoutMs);
        waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
      });
    },
    close: () => ws.close(),
  };
}

const wsUrl = (hubUrl: string, path: string) => hubUrl.replace(/^http/, 'ws') + path;

/** A visitor of the demo shop; optionally identified with a name. Returns its conversation id after the first line. */
export async function visitorClient(hubUrl: string) {
  const c = await open(wsUrl(hubUrl, '/ws/visitor'));
  c.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' });
  await c.next((f) => f.type === 'welcome');
  return {
    async identify(email: string, name?: string) {
      c.send({ type: 'identify', email, name });
      const answer = await c.next((f) => f.type === 'identified' || f.type === 'error');
      if (answer.type === 'error') throw new Error(`identify refused: ${answer.message}`);
    },
    async say(text: string): Promise<string> {
      const clientId = randomUUID();
      c.send({ type: 'send', clientId, text, pageUrl: `${hubUrl}/demo/shop.html` });
      const answer = await c.next((f) => (f.type === 'ack' && f.clientId === clientId) || f.type === 'error');
      if (answer.type === 'error') throw new Error(`send refused: ${answer.message}`);
      return answer.messageId as string;
    },
    /** Waits for a rep's message with this text to reach the visitor; resolves with who wrote it. */
    async heard(text: string): Promise<{ authorName: string | null }> {
      const f = await c.next((e) => e.type === 'message' && e.message.author === 'rep' && e.message.text === text);
      return { authorName: f.message.authorName as string | null };
    },
    close: () => c.close(),
  };
}

/** A rep connection (signed in through the hub's REST login), for commands the test needs done in bulk. */
export async function repClient(hubUrl: string, email: string, password = 'parley-demo') {
  const res = await fetch(`${hubUrl}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
  const { token } = (await res.json()) as { token: string };
  const c = await open(wsUrl(hubUrl, '/ws/rep'));
  c.send({ type: 'hello', v: PROTOCOL_VERSION, token, lastEventId: 0 });
  await c.next((f) => f.type === 'synced', 60_000);
  return {
    /** The conversation of the first message this connection was told of (and not yet asked about). */
    async firstMessageConversation(): Promise<string> {
      const f = await c.next((e) => e.type === 'event' && e.event.kind === 'message.created');
      return f.event.message.conversationId as string;
    },
    /** The conversation a message went into, from the hub's event about it (it may have arrived already). */
    async conversationOf(messageId: string): Promise<string> {
      const f = await c.next(
        (e) => e.type === 'event' && e.event.kind === 'message.created' && e.event.message.id === messageId,
      );
      return f.event.message.conversationId as string;
    },
    async cmd(frame: Record<string, unknown>) {
      const reqId = randomUUID();
      c.send({ clientId: randomUUID(), ...frame, reqId });
      const answer = await c.next((f) => f.reqId === reqId);
      if (answer.type === 'error') throw new Error(`${String(frame.type)} refused: ${answer.message}`);
      return answer;
    },
    /** The next frame (or one already received and not yet asked about) that matches. */
    next: c.next,
    close: () => c.close(),
  };
}
