import { expect, it } from 'vitest';
import { HEARTBEAT_TIMEOUT_SECONDS } from '#protocol';
import { PRESENCE_GRACE_MS } from '#hub/transport/presence';
import { eventually, repActor, visitorActor } from './actors';
import { clusterForFile } from './cluster-support';

/**
 * Presence across hubs (FEATURES A5, C10, I6): a rep online on any hub is online for routing on every
 * hub; a socket closing on one hub does not take away a rep who still has one on another; a choice of
 * offline holds on every hub; and a hub that dies takes its reps and their open conversations with it
 * after the heartbeat timeout — those who reconnected elsewhere stay online.
 */
const cluster = clusterForFile();

const statusOf = async (repId: string) =>
  (await cluster().db.query<{ status: string }>('select status from reps where id = $1', [repId]))[0].status;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('counts a rep signed in on hub 1 as online for a visitor on hub 3, and keeps them while a socket on hub 2 stays', async () => {
  const anna1 = await repActor(cluster().hub(1), 'anna@demo.parley.test');
  expect((await visitorActor(cluster().hub(3))).welcome.availability).toBe('open');
  const anna2 = await repActor(cluster().hub(2), 'anna@demo.parley.test');
  anna1.close();
  await sleep(PRESENCE_GRACE_MS + 2000);
  expect(await statusOf('r_anna')).toBe('online');
  anna2.close();
  await eventually(async () => expect(await statusOf('r_anna')).toBe('offline'), PRESENCE_GRACE_MS + 10_000);
}, 60_000);

it('keeps a chosen offline when the rep connects again on another hub', async () => {
  const on1 = await repActor(cluster().hub(1), 'ben@demo.parley.test');
  expect((await on1.cmd({ type: 'setStatus', status: 'offline' })).type).toBe('ack');
  const on3 = await repActor(cluster().hub(3), 'ben@demo.parley.test');
  expect(await statusOf('r_ben')).toBe('offline');
  expect((await on1.cmd({ type: 'setStatus', status: 'online' })).type).toBe('ack');
  on1.close();
  on3.close();
});

it(
  "drops a dead hub's reps, visitors and viewers after the heartbeat timeout, but not a rep who is also on a live hub",
  { timeout: 180_000 },
  async () => {
    const watcher = await repActor(cluster().hub(1), 'alex@demo.parley.test');
    const ben = await repActor(cluster().hub(2), 'ben@demo.parley.test');
    const annaOn2 = await repActor(cluster().hub(2), 'anna@demo.parley.test');
    const annaOn3 = await repActor(cluster().hub(3), 'anna@demo.parley.test');
    const id = await (await visitorActor(cluster().hub(3))).say('Anyone?');
    const onDeadHub = await visitorActor(cluster().hub(2));
    await onDeadHub.say('I am on hub 2');
    ben.socket.send({ type: 'viewing', conversationId: id });
    const viewers = () =>
      watcher.socket.frames.filter((f) => f.type === 'viewers' && f.conversationId === id).at(-1)?.reps;
    await eventually(() => expect(viewers()).toEqual([{ id: 'r_ben', name: 'Ben Novak' }]), 10_000);
    expect(await statusOf('r_ben')).toBe('online');

    await cluster().hub(2).process.kill('SIGKILL');
    const died = Date.now();
    // Within the heartbeat timeout the dead hub's rep is still given the benefit of the doubt.
    await sleep(PRESENCE_GRACE_MS + 2000);
    expect(await statusOf('r_ben')).toBe('online');
    await eventually(async () => expect(await statusOf('r_ben')).toBe('offline'), 120_000);
    expect(Date.now() - died).toBeGreaterThanOrEqual(HEARTBEAT_TIMEOUT_SECONDS * 1000);
    await eventually(() => expect(viewers()).toEqual([]), 10_000);
    expect(await statusOf('r_anna')).toBe('online');
    // The dead hub's visitor left when it died (their waiting conversation can be abandoned as usual).
    const [visitor] = await cluster().db.query<{ left_at: Date | null }>('select left_at from visitors where id = $1', [
      onDeadHub.id,
    ]);
    expect(visitor.left_at).not.toBeNull();
    [watcher, ben, annaOn2, annaOn3].forEach((r) => r.close());
  },
);
