import { afterEach, beforeEach } from 'vitest';
import { repActor, type RepActor } from './actors';
import { startTestHub, type Backend } from './support';

/** The hub and the three demo reps the CRM tests talk through: a fresh hub for every test. */
export let t: Awaited<ReturnType<typeof startTestHub>>;
export let anna: RepActor;
export let ben: RepActor;
export let sara: RepActor;

/** Starts the hub (on `backend`) and connects Anna, Ben and Sara before each test; closes them and stops it after. */
export function useCrmHub(backend: Backend = 'pglite'): void {
  beforeEach(async () => {
    t = await startTestHub(backend);
    anna = await repActor(t.hub, 'anna@demo.parley.test');
    ben = await repActor(t.hub, 'ben@demo.parley.test');
    sara = await repActor(t.hub, 'sara@demo.parley.test');
  });
  afterEach(async () => {
    for (const r of [anna, ben, sara]) r.close();
    await t.stop();
  });
}
