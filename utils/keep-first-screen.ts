import { onScopeDispose, watch } from 'vue';
import { afterPaint } from './after-paint';
import { dropFirstScreen, forgetFirstScreen, saveFirstScreen } from './first-screen';

/**
 * What the side panel shows, for its kept first screen (first-screen.ts): still drawing from the cache, an
 * inbox worth keeping, something else (a conversation), or nobody signed in.
 */
export type PanelScreen = 'drawing' | 'inbox' | 'other' | 'signed-out';

export interface KeptFirstScreen {
  /** The live app's root element, whose tree is kept. */
  root: () => Element | null;
  screen: () => PanelScreen;
  /** Whether the inbox shows from its top: the panel always opens there, so a scrolled inbox is not kept. */
  atTop: () => boolean;
}

/** A burst of changes (a new chat, its first messages) is kept once, this long after the last one. */
const KEEP_AFTER_MS = 1_000;
/** If the cache never answers, the kept screen still goes: a stale screen must not stay up. */
const DROP_BY_MS = 3_000;

/**
 * Replaces the kept first screen with the live app once the app has drawn its own, and keeps the inbox
 * for the next opening: after it changes and when the panel closes. Signing out forgets it, so the next
 * person at this browser never sees this rep's inbox.
 */
export function useKeptFirstScreen({ root, screen, atTop }: KeptFirstScreen): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let keptOnce = false;
  const keep = () => {
    clearTimeout(timer);
    const element = root();
    if (element && screen() === 'inbox' && atTop()) saveFirstScreen(element);
  };
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(keep, KEEP_AFTER_MS);
  });
  const dropBy = setTimeout(dropFirstScreen, DROP_BY_MS);

  // flush 'post': the live app's DOM is up to date, so dropping the kept screen shows it in the same frame.
  const stop = watch(
    [screen, root],
    ([now, element]) => {
      if (now === 'signed-out') forgetFirstScreen();
      if (now === 'drawing' || !element) return;
      dropFirstScreen();
      clearTimeout(dropBy);
      observer.disconnect();
      observer.observe(element, { subtree: true, childList: true, characterData: true, attributes: true });
      // The first inbox of this opening is kept as soon as it is painted, the rest after changes settle.
      if (now === 'inbox' && !keptOnce) {
        keptOnce = true;
        void afterPaint().then(keep);
      }
    },
    { immediate: true, flush: 'post' },
  );
  addEventListener('pagehide', keep);
  onScopeDispose(() => {
    stop();
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(dropBy);
    removeEventListener('pagehide', keep);
  });
}
