// The fan-out scenarios `npm run bench` prints. This process is the load generator; each server
// under test runs in a child process of its own (see load.mjs), one after another.
import { clientsFor, openMany } from './clients.mjs';
import { keepalive, openLoop, recorder, sleep, startServer } from './load.mjs';

export const KINDS = ['hub', 'ws', 'socket.io'];

async function connectAll(kind, server, reps, visitors, rec) {
  const c = clientsFor(kind, server.port);
  const repClients = await openMany(reps, (i) => c.connectRep(server.tokens[i], rec.onArrival), 50);
  const visitorClients = await openMany(visitors, c.connectVisitor);
  return { c, repClients, visitorClients };
}

/**
 * Same open-loop load against each server, `rounds` times in rotating order (the machine is shared
 * and a single stall moves a p99, so each figure is the median over rounds). The first round then
 * raises the rate step by step until p99 reaches 50 ms or messages go missing (or, if the base rate
 * already failed, lowers it until a step holds); a failed step is retried once. The highest rate
 * that held is the sustained throughput.
 */
export async function fanout({
  reps,
  visitors,
  rate,
  warmupS,
  measureS,
  rounds,
  rampRates,
  rampDown,
  rampS,
  kinds = KINDS,
}) {
  const runs = Object.fromEntries(kinds.map((k) => [k, []]));
  const held = {}; // kind → the highest step that held
  for (let round = 0; round < rounds; round++) {
    for (const kind of [...kinds.slice(round % kinds.length), ...kinds.slice(0, round % kinds.length)]) {
      const server = await startServer(kind, reps);
      const rec = recorder();
      const { repClients, visitorClients } = await connectAll(kind, server, reps, visitors, rec);
      const stopPings = keepalive([...repClients, ...visitorClients]);
      runs[kind].push(await openLoop({ senders: visitorClients, reps, rec, rate, warmupS, measureS }));
      const ok = (r) => r.p99 < 50 && r.lost === 0;
      // Up from the base rate if it held, else down (after a pause for the backlog) to one that does.
      const steps = round > 0 ? [] : ok(runs[kind][0]) ? rampRates : rampDown;
      if (round === 0 && ok(runs[kind][0])) held[kind] = runs[kind][0];
      for (const r of steps) {
        if (r < rate) await sleep(5000);
        const step = async () => openLoop({ senders: visitorClients, reps, rec, rate: r, warmupS: 1, measureS: rampS });
        let res = await step();
        if (!ok(res)) res = await step();
        if (ok(res)) held[kind] = res;
        if (ok(res) === r < rate) break;
      }
      stopPings();
      [...repClients, ...visitorClients].forEach((x) => x.close());
      await server.stop();
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const figure = (kind, key) => median(runs[kind].map((r) => r[key]));
  return Object.fromEntries(
    kinds.map((k) => [
      k,
      {
        p50: figure(k, 'p50'),
        p99: figure(k, 'p99'),
        p999: figure(k, 'p999'),
        deliveredPerS: figure(k, 'deliveredPerS'),
        generatorStallMs: figure(k, 'generatorStallMs'),
        lost: runs[k].reduce((n, r) => n + r.lost, 0),
        heldRate: held[k]?.rate ?? null,
        heldPerS: held[k]?.deliveredPerS ?? null,
        runs: runs[k],
      },
    ]),
  );
}

/**
 * Hub only: 100 reps plus a few active visitors at a small fixed rate, then more idle visitor
 * connections step by step; the answer is the largest total whose p99 stayed under 50 ms.
 */
export async function capacity({ reps, active, rate, steps, measureS, capS }) {
  const started = performance.now();
  const server = await startServer('hub', reps);
  const rec = recorder();
  const { c, repClients, visitorClients } = await connectAll('hub', server, reps, active, rec);
  const everyone = [...repClients, ...visitorClients];
  const stopPings = keepalive(everyone);
  // Every active visitor opens its conversation first, so the steps measure steady fan-out.
  await openLoop({ senders: visitorClients, reps, rec, rate, warmupS: active / rate, measureS: 1 });
  const rows = [];
  for (const total of steps) {
    if ((performance.now() - started) / 1000 > capS) break;
    const more = total - everyone.length;
    if (more > 0) everyone.push(...(await openMany(more, c.connectVisitor, 500, everyone.length)));
    await sleep(1000);
    const r = await openLoop({ senders: visitorClients, reps, rec, rate, warmupS: 1, measureS });
    rows.push({ connections: everyone.length, ...r });
    if (r.p99 >= 50 || r.lost > 0) break;
  }
  stopPings();
  everyone.forEach((x) => x.close());
  await server.stop();
  return rows;
}

/** RSS and JS heap growth per idle visitor connection (after full GCs on both readings). */
export async function idleMemory({ connections }) {
  const rows = {};
  for (const kind of KINDS) {
    const server = await startServer(kind, 0);
    const c = clientsFor(kind, server.port);
    const warm = await openMany(50, c.connectVisitor); // code paths compiled, pools allocated
    await sleep(2000); // start-up garbage collected and returned before the first reading
    const before = await server.memory();
    const idle = await openMany(connections, c.connectVisitor, 200, 50);
    await sleep(2000);
    const after = await server.memory();
    [...warm, ...idle].forEach((x) => x.close());
    await server.stop();
    rows[kind] = {
      connections,
      before,
      after,
      rssPer: (after.rss - before.rss) / connections,
      heapPer: (after.heap - before.heap) / connections,
    };
  }
  return rows;
}
