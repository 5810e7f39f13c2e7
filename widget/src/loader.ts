import { pickLang, type Lang } from './lang';
import { adoptStyles, createShell, shellCss, type Shell } from './shell';
import { startTracking } from './track-pages';
import type { TrackQueue } from './track-queue';

/**
 * widget.js — the loader, the one script tag the host page adds:
 *   <script src="https://HUB/widget.js" data-chat="CHAT_KEY" [lang="it"] async></script>
 * It draws the launcher bubble in a closed shadow root (the page's scripts get no handle on it) and
 * loads the widget's body (widget-body.js, an ES module from the same hub) only when needed: when
 * the visitor reaches for the bubble (pointer over it, focus, click), or at once when this browser
 * already has a conversation or unsent messages here (so replies, unread marks and a block show up
 * without a click). Nothing is put on `window`; the body gets the shadow root as an argument.
 *
 * Page tracking (FEATURES G1) starts here, at once: every page view and every `parley:cart` event the
 * page dispatches goes into a queue in the tab's sessionStorage, which the body sends once its socket
 * is up (track-pages.ts, track-queue.ts). `data-track="off"` on the tag switches it off.
 */

declare const __BODY_PATH__: string; // set by build.mjs: "/widget-body.js?v=<content hash>"

export interface BodyOptions {
  hubOrigin: string;
  chatKey: string;
  lang: Lang;
  shadow: ShadowRoot;
  shell: Shell;
  /** The visitor clicked the bubble: open the panel once mounted. */
  open: boolean;
  /** Page views and cart changes waiting to be sent; null when the page switched tracking off. */
  tracking: TrackQueue | null;
  /** The page's signed-in customer, as its server signed them (`data-user-email`, `data-user-hash`; issue 14). */
  identity: { email: string; hash: string } | null;
}
type Body = { mountWidget(opts: BodyOptions): void };

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-chat]');

/** True when this browser has something going with this chat (kept by the body in localStorage). */
function hasHistory(chatKey: string): boolean {
  try {
    const s = window.localStorage;
    return !!(s.getItem(`parley.conversation.${chatKey}`) || (s.getItem(`parley.outbox.${chatKey}`) ?? '[]') !== '[]');
  } catch {
    return false;
  }
}

function boot(tag: HTMLScriptElement): void {
  const chatKey = tag.dataset.chat;
  if (!chatKey) {
    console.warn('[parley] the widget script tag needs data-chat="…"');
    return;
  }
  if (document.querySelector('parley-widget')) return; // included twice: one widget is enough
  const hubOrigin = new URL(tag.src, location.href).origin;
  const lang = pickLang([tag.getAttribute('lang'), ...(navigator.languages ?? []), navigator.language]);
  const tracking = startTracking(tag.dataset.track, chatKey);
  const { userEmail, userHash } = tag.dataset;
  const identity = userEmail && userHash ? { email: userEmail, hash: userHash } : null;

  const mount = () => {
    const host = document.createElement('parley-widget');
    const shadow = host.attachShadow({ mode: 'closed' });
    adoptStyles(shadow, shellCss);
    const shell = createShell(lang);
    shadow.append(shell.root);
    // The top layer (a manual popover) sits above any z-index and any overlay the page adds.
    host.setAttribute('popover', 'manual');
    document.body.append(host);
    try {
      host.showPopover();
    } catch {
      /* older browsers: the fixed position and the highest z-index still apply */
    }

    let body: Promise<Body> | null = null;
    let mounted = false;
    const fetchBody = () => (body ??= import(/* @vite-ignore */ `${hubOrigin}${__BODY_PATH__}`) as Promise<Body>);
    const start = (open: boolean) => {
      if (mounted) return;
      mounted = true;
      fetchBody().then(
        (m) => m.mountWidget({ hubOrigin, chatKey, lang, shadow, shell, open, tracking, identity }),
        (err) => {
          mounted = false;
          body = null; // a later click tries again
          console.warn('[parley] could not load the widget', err);
        },
      );
    };
    // Reaching for the bubble fetches the body; the click (or Enter/Space) mounts it, opened.
    const prefetch = () => void fetchBody().catch(() => (body = null));
    shell.launcher.addEventListener('pointerenter', prefetch, { once: true });
    shell.launcher.addEventListener('focus', prefetch, { once: true });
    shell.launcher.addEventListener('click', () => start(true));
    if (hasHistory(chatKey)) start(false);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

if (script) boot(script);
else console.warn('[parley] could not find the widget script tag');
