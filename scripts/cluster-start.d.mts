// Types for scripts/cluster-start.mjs (used by the cluster tests).
import type { ChildProcess, IOType } from 'node:child_process';

export interface ClusterHub {
  n: number;
  port: number;
  url: string;
  readonly child: ChildProcess | null;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  log(): string;
}

export interface Cluster {
  url: string;
  databaseUrl: string;
  hubs: ClusterHub[];
  lb: { restart(downMs?: number): Promise<void> };
  redis: {
    readonly url: string;
    restart(downMs?: number): Promise<void>;
    stop(): Promise<void>;
    start(): Promise<void>;
  };
  stop(): Promise<void>;
}

export declare function startCluster(options?: {
  hubs?: number;
  demo?: boolean;
  logs?: IOType;
  env?: Record<string, string>;
}): Promise<Cluster>;
