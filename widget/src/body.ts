import { startWidget } from './app';
import type { BodyOptions } from './loader';
import { pickStorage } from './storage';

/**
 * widget-body.js — the widget proper, an ES module the loader imports from the hub when it is
 * needed. It takes over the loader's shadow root and launcher.
 */
export function mountWidget(opts: BodyOptions): void {
  startWidget({
    hubOrigin: opts.hubOrigin,
    chatKey: opts.chatKey,
    lang: opts.lang,
    storage: pickStorage(),
    shadow: opts.shadow,
    shell: opts.shell,
    openAtStart: opts.open,
    tracking: opts.tracking,
    identity: opts.identity,
  });
}
