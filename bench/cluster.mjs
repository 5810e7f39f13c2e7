#!/usr/bin/env node
// The cluster table of `npm run bench` (FEATURES I6, issue 16): the fan-out load against 1, 2 and 3 hubs
// on PostgreSQL + Redis behind nginx, beside the bare `ws` and Socket.IO relays in the same run.
// Alone: `node bench/cluster.mjs` (BENCH_QUICK=1 to check it works; BENCH_CLUSTER_ROUNDS to change the rounds).
import { fileURLToPath } from 'node:url';
import { fanout } from './fanout/index.mjs';

export const CLUSTER_KINDS = ['ws', 'socket.io', 'hubs:1', 'hubs:2', 'hubs:3'];
const ms = (n) => (n === null ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const x = (a, b) => (a === null || b === null || !b ? '—' : `${(a / b).toFixed(2)}×`);

export async function clusterTable(load) {
  console.log(
    `\n## Several hubs: ${load.reps} reps, ${load.visitors} visitors, ${load.rate} msgs/s open loop through nginx to N hubs on PostgreSQL + Redis (latency ms at every rep; median of ${load.rounds} runs)\n`,
  );
  const f = await fanout({ ...load, kinds: CLUSTER_KINDS });
  console.table(
    Object.fromEntries(
      CLUSTER_KINDS.map((k) => [
        k === 'hubs:1' ? '1 hub' : k.startsWith('hubs:') ? `${k.slice(5)} hubs` : k,
        {
          p50: ms(f[k].p50),
          p99: ms(f[k].p99),
          'p99.9': ms(f[k].p999),
          'not delivered (all runs)': f[k].lost,
          'sustained msgs/s (p99 < 50 ms)': f[k].heldRate ?? `< ${load.rampDown.at(-1)}`,
          'sustained deliveries/s': f[k].heldPerS === null ? '—' : Math.round(f[k].heldPerS),
        },
      ]),
    ),
  );
  console.table({
    '1 hub p99 / ws p99 (goal ≤ 3×)': x(f['hubs:1'].p99, f.ws.p99),
    '1 hub rate / socket.io rate (goal ≥ 1×)': x(f['hubs:1'].heldRate, f['socket.io'].heldRate),
    '3 hubs rate / 1 hub rate (goal ≥ 1.5×)': x(f['hubs:3'].heldRate, f['hubs:1'].heldRate),
    '2 hubs rate / 1 hub rate': x(f['hubs:2'].heldRate, f['hubs:1'].heldRate),
  });
  return f;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.env.BENCH_QUICK === '1';
  await clusterTable({
    reps: quick ? 10 : 100,
    visitors: quick ? 100 : 1000,
    rate: 20,
    warmupS: quick ? 2 : 5,
    measureS: quick ? 3 : 10,
    rounds: Number(process.env.BENCH_CLUSTER_ROUNDS ?? (quick ? 1 : 3)),
    rampRates: quick ? [40] : [40, 80, 160, 320, 640, 1280, 2560],
    rampDown: [10, 5, 2, 1],
    rampS: quick ? 2 : 5,
  });
  process.exit(0);
}
