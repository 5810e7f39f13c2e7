// Types for scripts/temp-nginx.mjs.
export declare function nginxConfig(dir: string, port: number, hubPorts: number[]): string;
export declare function startTempNginx(
  hubPorts: number[],
  port?: number,
): Promise<{ url: string; port: number; stop(): Promise<void> }>;
