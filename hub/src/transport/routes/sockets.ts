import { serveRepSocket } from '../rep-socket';
import { serveVisitorSocket } from '../visitor-socket';
import type { Routes } from './kit';

/**
 * The two socket kinds (@fastify/websocket, `ws` underneath; limits set in app.ts). Each connection's
 * handlers log through the child logger of its upgrade request, so every line carries its request id.
 */
export const socketRoutes: Routes = async (app, { ctx }) => {
  app.get('/ws/rep', { websocket: true }, (socket, request) => serveRepSocket(socket, { ...ctx, log: request.log }));
  app.get('/ws/visitor', { websocket: true }, (socket, request) =>
    serveVisitorSocket(socket, { ...ctx, log: request.log }, request.raw),
  );
};
