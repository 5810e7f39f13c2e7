import { MessageCircle } from 'lucide';
import { svgIcon } from '#utils/svg-icon';
import { h } from './dom';
import type { Lang } from './lang';

/**
 * What the loader shows before the widget's body is loaded: the launcher bubble in the shadow root,
 * with just enough CSS to place and draw it. The body (view.ts) takes the same elements over, so the
 * button the visitor clicked stays the same button.
 */

/** The launcher's label; the body's dictionaries (locales.ts) reuse these. */
export const LAUNCHER_LABEL: Record<Lang, string> = {
  en: 'Chat with us',
  it: 'Chatta con noi',
  de: 'Chatten Sie mit uns',
  pl: 'Napisz do nas',
  cs: 'Napište nám',
};

export interface Shell {
  root: HTMLDivElement;
  launcher: HTMLButtonElement;
}

/**
 * The host element's rules are !important with `all: initial` first: for the host, the shadow's
 * important rules beat the page's (even `* { all: unset !important }`), and nothing inheritable
 * (fonts, colours, visibility, letter-spacing…) leaks in from the page.
 */
export const shellCss = `
:host {
  all: initial !important;
  position: fixed !important;
  right: 16px !important;
  bottom: 16px !important;
  left: auto !important;
  top: auto !important;
  margin: 0 !important;
  z-index: 2147483647 !important;
  display: block !important;
  visibility: visible !important;
  opacity: 1 !important;
  pointer-events: auto !important;
}
.root {
  display: flex; flex-direction: column; align-items: flex-end;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1d2230;
  --accent: #2a56c6;
  --accent-dark: #1d3f98;
  --line: #d5dae6;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
.launcher {
  display: flex; align-items: center; gap: 8px;
  padding: 12px 18px; border: 0; border-radius: 999px;
  background: var(--accent); color: #fff; font-weight: 600;
  box-shadow: 0 4px 16px rgba(20, 30, 60, .25);
  position: relative;
}
.launcher:hover { background: var(--accent-dark); }
.launcher svg { width: 20px; height: 20px; }
`;

export function createShell(lang: Lang): Shell {
  const launcher = h(
    'button',
    { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'parley-panel' },
    svgIcon(MessageCircle),
    h('span', {}, LAUNCHER_LABEL[lang]),
  );
  const root = h('div', { class: 'root', lang }, launcher);
  return { root, launcher };
}

export function adoptStyles(shadow: ShadowRoot, text: string): void {
  // A constructed sheet is not subject to the page's style-src CSP; <style> is the fallback.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    shadow.querySelector('style[data-parley]')?.remove();
    shadow.prepend(h('style', { 'data-parley': '' }, text));
  }
}
