import { resolve } from 'node:path';
import webExt from 'web-ext';
import { consoleStream } from 'web-ext/util/logger';
import { firefoxPath } from '../../../scripts/browsers.mjs';
import { FIREFOX_ADDON_ID } from '#utils/platform/manifest';
import { connectRdp, type RdpClient, type RdpPacket } from './firefox-rdp';
import { pageUi, type PageUi } from './firefox-page-ui';

/**
 * Parley's Firefox build in a real Firefox ESR (PARLEY_FIREFOX, else Debian's; scripts/browsers.mjs).
 * WebDriver BiDi cannot reach extension pages (it refuses moz-extension:// URLs and shows the
 * add-on's own tabs as about:blank), so this goes the way web-ext and about:debugging do: web-ext
 * starts Firefox on a fresh profile and installs the build as a temporary add-on over the remote
 * debugging protocol, and the add-on's watcher lists its documents (background page, sidebar,
 * pages it opens), in each of which a test can run code.
 */
export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/firefox-mv2');

/** Firefox's background page of an MV2 add-on. */
export const BACKGROUND_PAGE = '/_generated_background_page.html';

const WAIT_MS = 15_000;
const POLL_MS = 100;

/** One document of the add-on, e.g. its popup opened as a tab, or its sidebar. */
export interface ExtensionDocument {
  url: string;
  /**
   * Runs `fn` in the document (like Playwright's evaluate: the function is sent as source, so it
   * may use only its arguments) and resolves with its JSON result, or rejects with its error.
   */
  evaluate<A, R>(fn: (arg: A, ui: PageUi) => R | Promise<R>, arg: A): Promise<R>;
}

export interface FirefoxParley {
  /** The document whose path is `path`, once it exists. */
  document(path: string, timeoutMs?: number): Promise<ExtensionDocument>;
  /** Opens an extension page in a new tab, as the add-on itself would, and returns its document. */
  openPage(path: string): Promise<ExtensionDocument>;
  background(): Promise<ExtensionDocument>;
  /** What web-ext logged, for failure messages. */
  log(): string;
  close(): Promise<void>;
}

interface TargetForm {
  url: string;
  consoleActor: string;
  actor: string;
}

export async function launchFirefoxWithParley(extensionDir = FIREFOX_EXTENSION_DIR): Promise<FirefoxParley> {
  consoleStream.startCapturing();
  const runner = await webExt.cmd.run(
    {
      sourceDir: extensionDir,
      firefox: firefoxPath(),
      target: ['firefox-desktop'],
      args: ['-headless'],
      // The extension's strings follow the browser's language, as in the Chromium tests.
      pref: { 'intl.locale.requested': 'en-US' },
      noReload: true,
      noInput: true,
    },
    { shouldExitProgram: false },
  );
  let rdp: RdpClient | null = null;
  const close = async () => {
    rdp?.close();
    await runner.exit().catch(() => {});
    consoleStream.stopCapturing();
  };
  try {
    rdp = await connectRdp(runner.extensionRunners[0].runningInfo.debuggerPort);
    return await watchParley(rdp, close);
  } catch (error) {
    const log = consoleStream.capturedMessages.join('');
    await close();
    throw new Error(`Firefox with Parley did not start: ${String(error)}\n${log}`, { cause: error });
  }
}

async function watchParley(rdp: RdpClient, close: () => Promise<void>): Promise<FirefoxParley> {
  const targets = new Map<string, TargetForm>();
  const results = new Map<string, RdpPacket>();
  const waiting = new Map<string, (packet: RdpPacket) => void>();
  rdp.onEvent((packet) => {
    if (packet.type === 'target-available-form') {
      const form = packet.target as TargetForm;
      targets.set(form.actor, form);
    } else if (packet.type === 'target-destroyed-form') {
      targets.delete((packet.target as TargetForm).actor);
    } else if (packet.type === 'evaluationResult') {
      const id = packet.resultID as string;
      const waiter = waiting.get(id);
      if (waiter) waiter(packet);
      else results.set(id, packet);
    }
  });

  const { addons } = (await rdp.request('root', 'listAddons')) as unknown as {
    addons: { id: string; actor: string }[];
  };
  const addon = addons.find((a) => a.id === FIREFOX_ADDON_ID);
  if (!addon)
    throw new Error(`add-on ${FIREFOX_ADDON_ID} is not installed (found: ${addons.map((a) => a.id).join(', ')})`);
  const watcher = await rdp.request(addon.actor, 'getWatcher', {});
  await rdp.request(watcher.actor as string, 'watchTargets', { targetType: 'frame' });

  const evaluationResult = (id: string) =>
    new Promise<RdpPacket>((done) => {
      const ready = results.get(id);
      if (ready) return done(ready);
      waiting.set(id, done);
    }).finally(() => {
      waiting.delete(id);
      results.delete(id);
    });

  /** The full text of a string result (long strings come as a grip to read). */
  const readString = async (value: unknown): Promise<string> => {
    if (typeof value === 'string') return value;
    const grip = value as { type?: string; actor?: string; length?: number };
    if (grip?.type === 'longString' && grip.actor) {
      return (await rdp.request(grip.actor, 'substring', { start: 0, end: grip.length })).substring as string;
    }
    throw new Error(`unexpected evaluation result ${JSON.stringify(value)}`);
  };

  const documentOf = (form: TargetForm): ExtensionDocument => ({
    url: form.url,
    async evaluate(fn, arg) {
      // Always a promise of a JSON string, so a rejection carries its message back.
      const text = `Promise.resolve().then(() => (${fn.toString()})(${JSON.stringify(arg)}, (${pageUi.toString()})()))
        .then((value) => JSON.stringify({ value: value === undefined ? null : value }), (error) => JSON.stringify({ error: String(error && error.stack || error) }))`;
      const { resultID } = await rdp.request(form.consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } });
      const packet = await evaluationResult(resultID as string);
      if (packet.hasException)
        throw new Error(`evaluation failed in ${form.url}: ${JSON.stringify(packet.exceptionMessage)}`);
      const outcome = JSON.parse(await readString(packet.result)) as { value?: unknown; error?: string };
      if (outcome.error) throw new Error(`in ${form.url}: ${outcome.error}`);
      return outcome.value as never;
    },
  });

  const document = async (path: string, timeoutMs = WAIT_MS): Promise<ExtensionDocument> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const form = [...targets.values()].find(
        (t) => t.url.startsWith('moz-extension://') && new URL(t.url).pathname === path,
      );
      if (form) return documentOf(form);
      if (Date.now() > deadline)
        throw new Error(
          `no ${path} among the add-on's documents: ${[...targets.values()].map((t) => t.url).join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const background = () => document(BACKGROUND_PAGE);

  return {
    document,
    background,
    async openPage(path) {
      await (await background()).evaluate((url) => browser.tabs.create({ url }).then(() => null), path);
      return document(path);
    },
    log: () => consoleStream.capturedMessages.join(''),
    close,
  };
}

/** Firefox's WebExtension global in the add-on's documents. */
declare const browser: { tabs: { create(options: { url: string }): Promise<unknown> } };
