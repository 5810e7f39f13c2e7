import type { TestProject } from 'vitest/node';
import { startTempPostgres } from '../../scripts/temp-postgres.mjs';

/**
 * Starts a real PostgreSQL for the storage suite (unless TEST_DATABASE_URL points at one).
 * The suites run every storage test against both PGlite and this server; a missing server is an
 * error, not a skip. Debian's `postgresql` package provides the binaries (.ci/run installs it).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const server = await startTempPostgres(['fsync=off', 'max_connections=200']);
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
