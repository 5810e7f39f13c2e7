import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from './metrics';

/**
 * The Prometheus scrape endpoint (issue 16): `GET /metrics` on its own listener, never on the hub's
 * public port — the figures say how busy a team is, which is nobody else's business. Started only
 * with PARLEY_METRICS=1 (config.ts), on PARLEY_METRICS_LISTEN (loopback by default); a scraper on
 * another machine reaches it over a private address or a tunnel chosen by the operator.
 */
export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(listen: { host: string; port: number }): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
