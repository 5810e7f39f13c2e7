import { CLUSTER_LIMITS } from '#protocol';
import type { Log } from '../log';
import type { VisitorPresence } from '../routing/abandon';
import type { Presence } from '../transport/presence';
import { VIEWERS_TOPIC, type HeldView } from '../transport/viewers';
import type { Cluster } from './cluster';

/**
 * The cluster's once-only housekeeping (FEATURES I6), run by whichever hub claims it in Redis each
 * round: hubs that stopped beating are dropped (the conversations their reps had open are announced
 * again, without them; their visitors who came back nowhere have left), and reps no live hub holds —
 * absent in two rounds running, so a socket that was just arriving is not caught — are set offline. It waits while Redis's
 * state is fresh (restarted: the hubs are still writing what they hold).
 */
export function startClusterSweep(
  cluster: Cluster,
  parts: { presence: Presence; visitors: VisitorPresence },
  log: Log,
): () => void {
  let absentReps = new Set<string>();
  let running = false;
  async function round() {
    if (!(await cluster.claim('sweep', CLUSTER_LIMITS.sweepMs - 100))) return;
    if (!(await cluster.settled())) return;
    const gone = await cluster.reapDeadHubs();
    const views = [...(gone.get('viewers')?.values() ?? [])].map((v) => (JSON.parse(v) as HeldView).conversationId);
    if (views.length > 0) await cluster.publish(VIEWERS_TOPIC, [...new Set(views)]);
    absentReps = await parts.presence.reconcile(absentReps);
    await parts.visitors.reconcile(gone.get('visitors')?.keys() ?? []);
  }
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    round()
      .catch((err) => log.error({ err }, 'cluster sweep failed'))
      .finally(() => (running = false));
  }, CLUSTER_LIMITS.sweepMs);
  return () => clearInterval(timer);
}
