// A scripted hub for component tests of the options page's screens: fetch answers what the test says,
// and every request is kept (method, path, JSON body) for the test to check what was sent.
import { afterEach, beforeEach, vi } from 'vitest';
import { hubUrlItem } from '#utils/settings';
import { tokenItem } from '#utils/session-token';

/** `body` is sent as JSON; `text` as it is (an NDJSON stream's lines). */
export type Reply = { status: number; body?: unknown; text?: string };
export type Call = { method: string; path: string; body: unknown; query?: string };

/** A JSON body, or an NDJSON one as its lines' values. */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.split('\n').map((line) => JSON.parse(line));
  }
}

/** Signs the page in to http://hub.test:8787 before each test and answers its fetches with `hub.replies`. */
export function useScriptedHub() {
  const hub = {
    replies: (() => ({ status: 500 })) as (method: string, path: string, body: unknown) => Reply,
    calls: [] as Call[],
    sent: (method: string) => hub.calls.filter((c) => c.method === method),
  };
  beforeEach(async () => {
    hub.calls.length = 0;
    await hubUrlItem.setValue('http://hub.test:8787');
    await tokenItem.setValue('tok');
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init = {}) => {
      const { pathname: path, search } = new URL(String(url));
      const body = init.body ? parsedBody(String(init.body)) : undefined;
      hub.calls.push({ method: init.method ?? 'GET', path, body, query: search || undefined });
      const reply = hub.replies(init.method ?? 'GET', path, body);
      return new Response(reply.text ?? (reply.body === undefined ? null : JSON.stringify(reply.body)), {
        status: reply.status,
        headers: { 'content-type': 'application/json' },
      });
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return hub;
}
