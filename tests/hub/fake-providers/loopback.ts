import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The fake providers' HTTP server on loopback (tests/hub/fake-providers/): each request read whole
 * and handed to the provider's handler, every call recorded, and a switch that makes the provider
 * "down" (503) for a while, as a real outage would.
 */

export interface Call {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Loopback {
  url: string;
  calls: Call[];
  /** While set, every API call answers 503 (and is still recorded). */
  down: boolean;
  close(): Promise<void>;
}

export type Handler = (call: Call, res: ServerResponse) => void;

export const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export async function startLoopback(handle: Handler): Promise<Loopback> {
  const state = { calls: [] as Call[], down: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const call = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.calls.push(call);
      if (state.down) return json(res, 503, { error: { message: 'Service temporarily unavailable', code: 2 } });
      handle(call, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
