import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '#protocol';
import { hubToken } from './helpers';

/**
 * A rep speaking the protocol straight from the test (a real ws client against the real hub), for
 * specs about the visitor's side that only need someone to take and answer.
 */
export interface RepSocket {
  next(match: (f: any) => boolean, timeoutMs?: number): Promise<any>;
  send(frame: object): void;
  close(): void;
}

export async function connectRep(hubUrl: string, email: string): Promise<RepSocket> {
  const token = await hubToken(hubUrl, email);
  const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/ws/rep`);
  const frames: any[] = [];
  const waiters: Array<{ match: (f: any) => boolean; resolve: (f: any) => void }> = [];
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString());
    const w = waiters.find((x) => x.match(f));
    if (w) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(f);
    } else frames.push(f);
  });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  const rep: RepSocket = {
    send: (frame) => ws.send(JSON.stringify(frame)),
    close: () => ws.close(),
    next(match, timeoutMs = 20_000) {
      const seen = frames.find(match);
      if (seen) {
        frames.splice(frames.indexOf(seen), 1);
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`rep: no matching frame in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
      });
    },
  };
  rep.send({ type: 'hello', v: PROTOCOL_VERSION, token, lastEventId: 0 });
  await rep.next((f) => f.type === 'synced');
  return rep;
}
