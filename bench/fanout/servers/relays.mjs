// The two reference servers, same job as the hub's fan-out with nothing else: a visitor's frame goes
// to every rep socket. `ws` is the floor (forward the bytes); Socket.IO is the usual library choice.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';
import { serveMemoryRequests } from './memory.mjs';

const kind = process.argv[2];
const http = createServer();

if (kind === 'ws') {
  const reps = new Set();
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path !== '/rep' && path !== '/visitor') return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (path === '/rep') {
        reps.add(ws);
        ws.on('close', () => reps.delete(ws));
        return;
      }
      // Keepalives are answered like the hub does; everything else is relayed untouched.
      ws.on('message', (data, isBinary) => {
        if (data.length < 40 && data.toString().startsWith('{"type":"ping"'))
          return void ws.send(data.toString().replace('ping', 'pong'));
        for (const rep of reps) rep.send(data, { binary: isBinary });
      });
    });
  });
} else if (kind === 'socket.io') {
  const io = new Server(http, { transports: ['websocket'], serveClient: false });
  io.on('connection', (socket) => {
    if (socket.handshake.auth?.role === 'rep') return void socket.join('reps');
    socket.on('send', (text) => io.to('reps').emit('message', text));
  });
} else throw new Error(`unknown relay ${kind}`);

http.listen(0, '127.0.0.1', () => {
  serveMemoryRequests();
  process.send({ type: 'ready', port: http.address().port, tokens: [] });
});
process.on('SIGTERM', () => process.exit(0));
