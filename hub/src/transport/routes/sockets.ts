import { serveRepSocket } from '../rep-socket';
import { serveVisitorSocket } from '../visitor-socket';
import type { FastifyRequest } from 'fastify';
import { addressKey } from '../../net/addresses';
import type { Routes } from './kit';

/**
 * The two socket kinds (@fastify/websocket, `ws` underneath; limits set in app.ts). Each connection's
 * handlers log through the child logger of its upgrade request, so every line carries its request id.
 */
export const socketRoutes: Routes = async (app, { ctx }) => {
  /**
   * Sockets per address (RATE_LIMITS.openSocketsPerIp open, socketOpensPerIp opened), checked before
   * the upgrade: a refusal is a plain 429 with Retry-After. The slot is given back when the
   * connection's TCP socket closes, however the WebSocket ends (or never starts).
   */
  const admit = async (request: FastifyRequest) => {
    const slot = await ctx.limits.admitSocket(addressKey(request.ip, ctx.trustProxy));
    request.raw.socket.once('close', slot.release);
  };
  // Sockets count their own frames: the REST rate (rest-limits.ts) does not apply.
  const options = { websocket: true, onRequest: admit, config: { rateLimit: false } } as const;
  app.get('/ws/rep', options, (socket, request) => serveRepSocket(socket, { ...ctx, log: request.log }));
  app.get('/ws/visitor', options, (socket, request) =>
    serveVisitorSocket(socket, { ...ctx, log: request.log }, request.raw, request.ip),
  );
};
