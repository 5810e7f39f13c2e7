import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb, type OutboxEntry, type ParleyDb } from '#utils/db';
import type { CommandResult } from '#utils/messaging';
import { createOutboxFlusher, enqueueReply } from './outbox';

let db: ParleyDb;
beforeEach(() => {
  db = createDb(`outbox-${crypto.randomUUID()}`);
});

async function queue(...texts: string[]) {
  for (const text of texts) await enqueueReply(db, { conversationId: 'c1', text });
}

describe('outbox', () => {
  it('queues a reply handed over twice with the same client id once, and not at all once delivered', async () => {
    await enqueueReply(db, { conversationId: 'c1', text: 'hi' }, 'client-same-1');
    await enqueueReply(db, { conversationId: 'c1', text: 'hi' }, 'client-same-1');
    expect(await db.outbox.count()).toBe(1);
    await db.outbox.clear();
    await db.messages.put({
      id: 'm1',
      conversationId: 'c1',
      clientId: 'client-same-1',
      author: 'rep',
      authorName: 'Anna',
      repId: 'r',
      text: 'hi',
      pageUrl: null,
      createdAt: new Date().toISOString(),
    });
    await enqueueReply(db, { conversationId: 'c1', text: 'hi' }, 'client-same-1');
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps typing order even when replies are queued within one millisecond', async () => {
    await queue('one', 'two', 'three', 'four');
    const entries = await db.outbox.orderBy('createdAt').toArray();
    expect(entries.map((e) => e.text)).toEqual(['one', 'two', 'three', 'four']);
    expect(new Set(entries.map((e) => e.createdAt)).size).toBe(4);
  });

  it('flushes oldest first, one at a time, and removes each reply on ack', async () => {
    await queue('one', 'two', 'three');
    const delivered: string[] = [];
    let inFlight = 0;
    const flusher = createOutboxFlusher(db, async (entry) => {
      inFlight++;
      expect(inFlight).toBe(1);
      delivered.push(entry.text);
      // While this one is in flight it is still in the outbox: a crash now means a resend, not a loss.
      expect(await db.outbox.get(entry.clientId)).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { ok: true, messageId: `m-${entry.text}` };
    });
    await flusher.flush();
    expect(delivered).toEqual(['one', 'two', 'three']);
    expect(await db.outbox.count()).toBe(0);
  });

  it('stops at the first transient failure so later replies never overtake it', async () => {
    await queue('one', 'two');
    const delivered: string[] = [];
    let online = false;
    const flusher = createOutboxFlusher(db, async (entry): Promise<CommandResult> => {
      delivered.push(entry.text);
      return online ? { ok: true } : { ok: false, code: 'offline', message: 'offline' };
    });
    await flusher.flush();
    expect(delivered).toEqual(['one']);
    expect(await db.outbox.count()).toBe(2);

    online = true;
    await flusher.flush();
    expect(delivered).toEqual(['one', 'one', 'two']);
    expect(await db.outbox.count()).toBe(0);
  });

  it('tries again by itself after a transient failure, with nothing else to trigger it', async () => {
    await queue('one', 'two');
    let attempts = 0;
    const flusher = createOutboxFlusher(
      db,
      async (): Promise<CommandResult> =>
        ++attempts === 1 ? { ok: false, code: 'timeout', message: 'no answer' } : { ok: true },
      20,
    );
    await flusher.flush();
    expect(await db.outbox.count()).toBe(2);
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0), { timeout: 2000 });
  });

  it('honours a flush asked for while a failing one ran (the link came back meanwhile)', async () => {
    await queue('one');
    let online = false;
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const flusher = createOutboxFlusher(
      db,
      async (): Promise<CommandResult> => {
        if (online) return { ok: true };
        await first;
        online = true;
        return { ok: false, code: 'offline', message: 'dropped' };
      },
      60_000, // no timed retry in this test: only the second flush may deliver it
    );
    const running = flusher.flush();
    void flusher.flush(); // e.g. `synced` after a reconnect, while the first is still waiting
    release();
    await running;
    expect(await db.outbox.count()).toBe(0);
  });

  it('marks a reply the hub refuses for good as failed, keeps it, and goes on with the rest', async () => {
    await queue('refused', 'fine');
    const flusher = createOutboxFlusher(db, async (entry: OutboxEntry): Promise<CommandResult> =>
      entry.text === 'refused' ? { ok: false, code: 'forbidden', message: 'not yours' } : { ok: true },
    );
    await flusher.flush();
    const left = await db.outbox.toArray();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ text: 'refused', failed: 'not yours' });
  });

  it('does not resend a reply an event already delivered during the flush', async () => {
    await queue('one', 'two');
    const [, second] = await db.outbox.orderBy('createdAt').toArray();
    const delivered: string[] = [];
    const flusher = createOutboxFlusher(db, async (entry) => {
      delivered.push(entry.text);
      await db.outbox.delete(second.clientId); // as if message.created for 'two' arrived meanwhile
      return { ok: true };
    });
    await flusher.flush();
    expect(delivered).toEqual(['one']);
  });

  it('runs one flush at a time and picks up replies queued while it ran', async () => {
    await queue('one');
    const delivered: string[] = [];
    const flusher = createOutboxFlusher(db, async (entry) => {
      delivered.push(entry.text);
      if (entry.text === 'one') {
        await queue('two');
        void flusher.flush();
      }
      return { ok: true };
    });
    await flusher.flush();
    await flusher.flush();
    expect(delivered).toEqual(['one', 'two']);
  });
});
