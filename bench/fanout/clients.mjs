// Client sides of the three servers under one interface, so the load is identical: visitors send
// frames stamped with their intended send time; reps report each stamp they receive.
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import WebSocket from 'ws';

const STAMP = /bench (\d+(?:\.\d+)?)/;
const PAGE = 'https://shop.example/bench';
const run = randomBytes(3).toString('hex'); // client ids unique per process
let seq = 0;
const sendFrame = (intended) => ({
  type: 'send',
  clientId: `bench_${run}_${seq++}`,
  text: `bench ${intended.toFixed(3)}`,
  pageUrl: PAGE,
});

function openWs(url, hello, readyType) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: 30_000 });
    ws.once('error', reject);
    setTimeout(() => reject(new Error(`no ${readyType ?? 'open'} from ${url} in 60 s`)), 60_000).unref();
    ws.once('open', () => {
      if (!hello) return resolve(ws);
      ws.send(JSON.stringify(hello));
      const onReady = (data) => {
        const s = data.toString();
        if (s.includes(`"type":"${readyType}"`)) return (ws.off('message', onReady), resolve(ws));
        if (s.startsWith('{"type":"error"')) reject(new Error(s));
      };
      ws.on('message', onReady);
    });
  });
}

const wsClient = (ws) => ({
  send: (intended) => ws.send(JSON.stringify(sendFrame(intended))),
  ping: () => ws.send(JSON.stringify({ type: 'ping', t: Date.now() })),
  close: () => ws.terminate(),
});

function onStamps(ws, filter, onArrival) {
  ws.on('message', (data) => {
    const s = data.toString();
    if (filter && !s.includes(filter)) return; // the hub also sends conversation events that quote the text
    const m = STAMP.exec(s);
    if (m) onArrival(Number(m[1]));
  });
}

/** kind: 'hub' | 'hubs:N' (behind nginx) | 'ws' | 'socket.io'. Returns connectVisitor(i) and connectRep(token, onArrival). */
export function clientsFor(kind, port) {
  if (kind === 'hub' || kind.startsWith('hubs:')) {
    const base = `ws://127.0.0.1:${port}`;
    return {
      connectVisitor: async () =>
        wsClient(await openWs(`${base}/ws/visitor`, { type: 'hello', v: 1, chatKey: 'demo-shop' }, 'welcome')),
      async connectRep(token, onArrival) {
        const ws = await openWs(`${base}/ws/rep`, { type: 'hello', v: 1, token, lastEventId: 0 }, 'synced');
        onStamps(ws, '"message.created"', onArrival);
        return wsClient(ws);
      },
    };
  }
  if (kind === 'ws') {
    const base = `ws://127.0.0.1:${port}`;
    return {
      connectVisitor: async () => wsClient(await openWs(`${base}/visitor`)),
      async connectRep(_token, onArrival) {
        const ws = await openWs(`${base}/rep`);
        onStamps(ws, null, onArrival);
        return wsClient(ws);
      },
    };
  }
  // Socket.IO: websocket transport only (no long-polling upgrade dance), one connection per client.
  const connect = (auth) =>
    new Promise((resolve, reject) => {
      const s = io(`http://127.0.0.1:${port}`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        auth,
      });
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  const sioClient = (s) => ({
    send: (intended) => s.emit('send', sendFrame(intended)),
    ping: () => {},
    close: () => s.disconnect(),
  });
  return {
    connectVisitor: async () => sioClient(await connect({ role: 'visitor' })),
    async connectRep(_token, onArrival) {
      const s = await connect({ role: 'rep' });
      s.on('message', (f) => onArrival(Number(STAMP.exec(f.text)[1])));
      return sioClient(s);
    },
  };
}

/** Opens n clients, `batch` handshakes at a time (a thundering herd would measure the accept queue instead). */
export async function openMany(n, open, batch = 200, offset = 0) {
  const out = [];
  for (let i = 0; i < n; i += batch)
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => open(offset + i + j)))));
  return out;
}
