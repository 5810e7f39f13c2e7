// Types for scripts/temp-postgres.mjs (plain JavaScript so the bench scripts can run it with node).
/** `settings`: extra server settings, each `name=value` (passed as `-c`). */
export declare function startTempPostgres(settings?: string[]): Promise<{ url: string; stop(): Promise<void> }>;
