// nginx from Debian's package in front of several hubs, in a temp folder, on a loopback port: round
// robin with no stickiness (any hub serves any client, FEATURES I6), WebSocket upgrade passed through,
// a hub that refuses connections skipped. For `npm run cluster`, the cluster tests and the bench.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

const START_MS = 10_000;
const NGINX = process.env.PARLEY_NGINX ?? '/usr/sbin/nginx';

/** The configuration: the same lines a real deployment needs (README, Going live), in a folder of its own. */
export function nginxConfig(dir, port, hubPorts) {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${join(dir, t)};`)
    .join('\n');
  return `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 16384; }
http {
  access_log off;
${temp}
  upstream hubs {
${hubPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 64;
  }
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 20m;
    location / {
      proxy_pass http://hubs;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;
    }
  }
}
`;
}

export async function startTempNginx(hubPorts, port) {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parley-nginx-'));
  chmodSync(dir, 0o755); // workers run as nobody when started by root
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, port, hubPorts));
  const proc = spawn(NGINX, ['-c', conf, '-p', dir, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr.on('data', (d) => (err += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_MS;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}): ${err}${log(dir)}`);
    const up = await fetch(url).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start: ${err}${log(dir)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    /** Stops it at once (SIGTERM: every connection through it drops). */
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function log(dir) {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
