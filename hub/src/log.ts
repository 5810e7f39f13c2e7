import { pino, type BaseLogger, type Logger, type LevelWithSilent } from 'pino';
import { VISITOR_HEADER } from '#protocol';

/**
 * The hub's logger: pino, which Fastify uses as its own, so requests, sockets and background work
 * log through one stream — JSON lines in production, pretty lines for people in `npm start`.
 * Secrets never reach it: every place a token, a password or a visitor's credential could appear
 * is censored before a line is written.
 */

/** What the hub's code needs of a logger: the level methods (pino's, and Fastify's request loggers have them too). */
export type Log = Pick<BaseLogger, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'>;

export const REDACTED = '[redacted]';

/** Headers and fields that carry a credential: a rep's bearer token or password, a visitor's credential. */
const SECRET_HEADERS = ['authorization', 'cookie', VISITOR_HEADER];
const SECRET_FIELDS = ['token', 'password'];

/** Paths censored in every line: request headers (Fastify's `req`, or `headers` logged directly), frames and bodies. */
export const REDACT_PATHS = [
  ...['req.headers', 'request.headers', 'headers'].flatMap((at) => SECRET_HEADERS.map((h) => `${at}["${h}"]`)),
  ...['frame', 'body'].flatMap((at) => SECRET_FIELDS.map((f) => `${at}.${f}`)),
  'token',
  'password',
  '*.token',
  '*.password',
];

export interface LogSettings {
  level: LevelWithSilent;
  /** Human-readable lines (pino-pretty) instead of JSON. */
  pretty: boolean;
}

const options = (level: LevelWithSilent) => ({ level, redact: { paths: REDACT_PATHS, censor: REDACTED } });

/** The logger of a hub process (main.ts). */
export async function createLogger(settings: LogSettings): Promise<Logger> {
  if (!settings.pretty) return pino(options(settings.level));
  // Loaded only when asked for: production writes JSON and never needs it.
  const { default: pretty } = await import('pino-pretty');
  return pino(options(settings.level), pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' }));
}

/** A hub started without a logger (tests): errors only, so a run stays quiet unless something is wrong. */
export const quietLogger = (): Logger => pino(options('error'));
