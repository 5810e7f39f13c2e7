// Open-loop load: messages leave on a fixed schedule whatever the server does, and latency runs from
// each message's *intended* send time, so a stalled server (or a stalled generator) shows up in the
// tail instead of silently slowing the load (no coordinated omission).
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as hdr from 'hdr-histogram-js';

// A full GC of the generator before each measured run: otherwise the garbage of opening a thousand
// connections is collected mid-run, and that stall of the generator shows up as server latency.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

const HERE = new URL('./servers/', import.meta.url).pathname;

/** `hubs:N`: N hubs on PostgreSQL and Redis behind nginx (FEATURES I6), one server to the load generator. */
export const hubsIn = (kind) => (kind.startsWith('hubs:') ? Number(kind.slice(5)) : 0);

/** Starts a server under test in its own process; resolves with its port, rep tokens, memory probe and stop. */
export function startServer(kind, reps) {
  const args =
    kind === 'hub'
      ? ['--import', 'tsx', `${HERE}hub-server.ts`]
      : hubsIn(kind)
        ? ['--import', 'tsx', `${HERE}cluster-server.ts`]
        : [`${HERE}relays.mjs`, kind];
  // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of each server process there, for finding where the time goes.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, ['--expose-gc', ...profile, ...args], {
    env: { ...process.env, BENCH_REPS: String(reps), BENCH_HUBS: String(hubsIn(kind)) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const startS = hubsIn(kind) ? 300 : 60; // a cluster starts PostgreSQL, Redis, its hubs and nginx
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start in ${startS} s`)), startS * 1000);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.stdout.resume();
    // The server tells its port (and the reps' tokens) over the IPC channel once it listens.
    child.on('message', function onReady(message) {
      if (message?.type !== 'ready') return;
      child.off('message', onReady);
      clearTimeout(timer);
      const { port, tokens } = message;
      resolve({
        port,
        tokens,
        pid: child.pid,
        memory: () => new Promise((res) => (child.once('message', res), child.send('mem'))),
        stop: () =>
          new Promise((res) => (child.removeAllListeners('exit'), child.once('exit', res), child.kill('SIGTERM'))),
      });
    });
  });
}

/** Latency histogram (µs) of the arrivals whose intended send time falls in the measured window. */
export function recorder() {
  const hist = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600e6,
    numberOfSignificantValueDigits: 3,
  });
  const r = {
    from: Infinity,
    to: Infinity,
    delivered: 0,
    onArrival(intended) {
      if (intended < r.from || intended >= r.to) return;
      hist.recordValue(Math.max(1, Math.round((performance.now() - intended) * 1000)));
      r.delivered++;
    },
    reset(from, to) {
      hist.reset();
      Object.assign(r, { from, to, delivered: 0 });
    },
    ms: (p) => hist.getValueAtPercentile(p) / 1000,
    maxMs: () => hist.maxValue / 1000,
  };
  return r;
}

export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

/**
 * Sends `rate` msgs/s for warmupS + measureS seconds, round-robin over `senders` (so every visitor has
 * opened its conversation before measuring when warmup ≥ senders/rate), records arrivals of the
 * measured part, then waits up to drainS for the rest. Returns figures for the measured window.
 */
export async function openLoop({ senders, reps, rec, rate, warmupS, measureS, drainS = 5 }) {
  collectGarbage();
  await sleep(300);
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const gap = 1000 / rate;
  const total = Math.round(rate * (warmupS + measureS));
  const t0 = performance.now() + 20;
  const measured = Math.round(rate * measureS);
  // Window edges half a gap from any send time: stamps are rounded to the microsecond on the wire.
  rec.reset(t0 + (total - measured - 0.5) * gap, t0 + (total - 0.5) * gap);
  for (let i = 0; i < total;) {
    const now = performance.now();
    for (; i < total && t0 + i * gap <= now; i++) senders[i % senders.length].send(t0 + i * gap);
    if (i < total) await sleep(Math.max(1, t0 + i * gap - performance.now()));
  }
  const expected = measured * reps;
  const deadline = performance.now() + drainS * 1000;
  while (rec.delivered < expected && performance.now() < deadline) await sleep(20);
  stalls.disable();
  return {
    generatorStallMs: stalls.max / 1e6, // the generator's own worst event-loop delay: a floor under the tail
    rate,
    p50: rec.ms(50),
    p99: rec.ms(99),
    p999: rec.ms(99.9),
    max: rec.maxMs(),
    deliveredPerS: rec.delivered / measureS,
    lost: expected - rec.delivered,
  };
}

/** Keepalive pings spread over the interval (the hub drops connections silent for 45 s). */
export function keepalive(clients, everyMs = 20_000) {
  let i = 0;
  const perTick = () => Math.ceil(clients.length / (everyMs / 100));
  const timer = setInterval(() => {
    for (let n = perTick(); n > 0 && clients.length; n--) clients[i++ % clients.length].ping();
  }, 100);
  return () => clearInterval(timer);
}
