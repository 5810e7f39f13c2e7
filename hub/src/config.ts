import { isIP } from 'node:net';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as z from 'zod';
import { RATE_LIMITS } from '#protocol';
import { trustProxies } from './net/client-ip';
import { scaleRates } from './net/hub-limits';
import { parseSecretKey } from './channels/crypto';
import { DEFAULT_API_BASE } from './channels/settings';

/** Hub settings from the environment, validated once at start-up with a clear message. */
const Env = z.object({
  PARLEY_HOST: z.string().default('127.0.0.1'),
  PARLEY_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  PARLEY_DATA_DIR: z.string().default('data'),
  /** Sent files (FEATURES D3); default: `files` beside the embedded database, in the data folder. */
  PARLEY_FILES_DIR: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Demo accounts and data: only when asked (`npm start` asks), and only on loopback. */
  PARLEY_DEMO: z.enum(['0', '1']).default('0'),
  /**
   * This hub's own reverse proxies, comma-separated addresses or CIDR ranges (or `loopback`,
   * `linklocal`, `uniquelocal`): only from them is X-Forwarded-For believed (FEATURES I4). Default: none.
   */
  PARLEY_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .superRefine((list, check) => {
      try {
        trustProxies(list);
      } catch (err) {
        check.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  PARLEY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** JSON lines (production, log collectors) or pretty lines for people (`npm start` sets it). */
  PARLEY_LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  /** The address people reach the hub at, for set-password links (default: http://HOST:PORT). */
  PARLEY_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  /** Set-password links are also emailed through this server, e.g. smtp://user:pass@mail.example:587. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of those emails. */
  PARLEY_MAIL_FROM: z.string().default('Parley <parley@localhost>'),
  /** Rate-limit counts in Redis, shared by every hub instance (FEATURES I4, I6); default: each process's memory. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Every rate limit times this (RATE_LIMITS): load tests, or a site whose visitors share few addresses. */
  PARLEY_RATE_LIMIT_SCALE: z.coerce.number().min(1).max(1_000_000).default(1),
  /** The hub serves TLS itself with this certificate chain and private key (PEM files); both or neither. */
  PARLEY_TLS_CERT: z.string().min(1).optional(),
  PARLEY_TLS_KEY: z.string().min(1).optional(),
  /** Seals messaging-channel secrets at rest (FEATURES G2): 32 random bytes, hex or base64. Without it no channel can be connected. */
  PARLEY_SECRET_KEY: z
    .string()
    .optional()
    .superRefine((raw, check) => {
      if (raw === undefined) return;
      try {
        parseSecretKey(raw);
      } catch (err) {
        check.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  /** Where Meta's Graph API and Twilio's API are (defaults: the real ones); for a test double or a proxy. */
  PARLEY_META_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  PARLEY_TWILIO_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Prometheus metrics (issue 16): off unless 1, and then served only on PARLEY_METRICS_LISTEN, never on PARLEY_PORT. */
  PARLEY_METRICS: z.enum(['0', '1']).default('0'),
  /** host:port of the metrics listener ([::1]:9464 for IPv6); loopback by default, so only this machine may scrape. */
  PARLEY_METRICS_LISTEN: z
    .string()
    .default('127.0.0.1:9464')
    .transform((s, check) => {
      const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(s);
      if (!m || Number(m[2]) > 65535) {
        check.addIssue({ code: 'custom', message: 'must be host:port, e.g. 127.0.0.1:9464 or [::1]:9464' });
        return z.NEVER;
      }
      return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
    }),
});

/** Loopback only: nobody but this machine can reach a hub bound there. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  // The demo's accounts have a password printed in the README: anyone who can reach the hub could sign in.
  if (e.PARLEY_DEMO === '1' && !isLoopbackHost(e.PARLEY_HOST)) {
    throw new Error(
      `configuration: PARLEY_DEMO=1 is refused on ${e.PARLEY_HOST}: the demo accounts' password is public, so the demo runs on loopback only (PARLEY_HOST=127.0.0.1). To go live, unset PARLEY_DEMO and create the first super user with: npm run admin -- create-super-user EMAIL`,
    );
  }
  if (!e.PARLEY_TLS_CERT !== !e.PARLEY_TLS_KEY)
    throw new Error(
      'configuration: PARLEY_TLS_CERT and PARLEY_TLS_KEY go together: set both (TLS) or neither (plain HTTP)',
    );
  return {
    host: e.PARLEY_HOST,
    port: e.PARLEY_PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.PARLEY_DATA_DIR, 'pglite'),
    filesDir: resolve(e.PARLEY_FILES_DIR ?? resolve(e.PARLEY_DATA_DIR, 'files')),
    seedDemo: e.PARLEY_DEMO === '1',
    trustedProxies: e.PARLEY_TRUSTED_PROXIES,
    log: { level: e.PARLEY_LOG_LEVEL, pretty: e.PARLEY_LOG_FORMAT === 'pretty' },
    /** Null: the address the hub listens on, known once it does (PARLEY_PORT=0). */
    publicUrl: e.PARLEY_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.PARLEY_MAIL_FROM } : null,
    redisUrl: e.REDIS_URL,
    /** Null: no metrics listener (the default). */
    metrics: e.PARLEY_METRICS === '1' ? e.PARLEY_METRICS_LISTEN : null,
    rateLimits: scaleRates(RATE_LIMITS, e.PARLEY_RATE_LIMIT_SCALE),
    channels: {
      secretKey: e.PARLEY_SECRET_KEY ? parseSecretKey(e.PARLEY_SECRET_KEY) : null,
      apiBase: {
        meta: (e.PARLEY_META_API_URL ?? DEFAULT_API_BASE.meta).replace(/\/+$/, ''),
        twilio: (e.PARLEY_TWILIO_API_URL ?? DEFAULT_API_BASE.twilio).replace(/\/+$/, ''),
      },
    },
    tls:
      e.PARLEY_TLS_CERT && e.PARLEY_TLS_KEY
        ? { certFile: resolve(e.PARLEY_TLS_CERT), keyFile: resolve(e.PARLEY_TLS_KEY) }
        : null,
  };
}
export type HubConfig = ReturnType<typeof loadConfig>;

/** The certificate and key files read, each failure naming its variable and file. */
export async function readTls(
  tls: { certFile: string; keyFile: string } | null,
): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  if (!tls) return undefined;
  const read = (name: string, file: string) =>
    readFile(file).catch((err: Error) => {
      throw new Error(`configuration: ${name}: cannot read ${file} (${err.message})`);
    });
  return { cert: await read('PARLEY_TLS_CERT', tls.certFile), key: await read('PARLEY_TLS_KEY', tls.keyFile) };
}
