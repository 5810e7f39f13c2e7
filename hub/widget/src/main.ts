import { pickLang } from './i18n';
import { startWidget } from './app';
import { pickStorage } from './storage';

/**
 * Entry point. The host page adds one tag:
 *   <script src="https://HUB/widget.js" data-chat="CHAT_KEY" [lang="it"] async></script>
 * The hub's origin comes from that tag's own src, so the same file works on any hub. Nothing is
 * put on `window`; the UI lives in an open shadow root on a <parley-widget> element.
 */
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-chat]');

function boot(tag: HTMLScriptElement): void {
  const chatKey = tag.dataset.chat;
  if (!chatKey) {
    console.warn('[parley] the widget script tag needs data-chat="…"');
    return;
  }
  if (document.querySelector('parley-widget')) return; // included twice: one widget is enough
  const hubOrigin = new URL(tag.src, location.href).origin;
  const lang = pickLang([tag.getAttribute('lang'), ...(navigator.languages ?? []), navigator.language]);
  const mount = () => {
    const host = document.createElement('parley-widget');
    document.body.append(host);
    startWidget({ hubOrigin, chatKey, lang, storage: pickStorage(), host });
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

if (script) boot(script);
else console.warn('[parley] could not find the widget script tag');
