import type { Log } from '../log';

/**
 * The hub's one SQL layer. Two adapters implement it — PGlite (embedded, default) and PostgreSQL
 * (`DATABASE_URL`) — so every rule runs the same SQL on both.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** postgres://… switches to a real PostgreSQL. */
  databaseUrl?: string;
  /** Folder for PGlite's files; omit for an in-memory database (tests). */
  dataDir?: string;
  /** Where PostgreSQL's lost idle connections are reported (they are replaced, not fatal); default: errors only. */
  log?: Pick<Log, 'warn'>;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres');
    return openPostgres(options.databaseUrl, options.log);
  }
  const { openPglite } = await import('./pglite');
  return openPglite(options.dataDir);
}
