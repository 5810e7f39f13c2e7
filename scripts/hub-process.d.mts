// Types of hub-process.mjs for the TypeScript that uses it (end-to-end and hub tests).
import type { ChildProcess, IOType } from 'node:child_process';

export function spawnHub(options?: { env?: Record<string, string>; stdout?: IOType; stderr?: IOType }): ChildProcess;
export function hubReady(child: ChildProcess, timeoutMs: number): Promise<string>;
