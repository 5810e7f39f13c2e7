import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small site of its own on the loopback address (another origin than the hub), for pages that
 * embed the widget. `close` also drops the connections the browser keeps open: Chromium opens
 * spare sockets that never carry a request, and a plain `server.close()` waits for those until
 * Node's header timeout check cuts them, about a minute and a half later.
 */
export async function servePages(handler: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
