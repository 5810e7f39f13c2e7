/** Answers the parent process's 'mem' message with the RSS and JS heap in use (see memory.mjs). */
export function serveMemoryRequests(): void;
