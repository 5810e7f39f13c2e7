import {
  clampPosition,
  DEFAULT_ICON_POSITION,
  ICON_SIZE,
  type IconPosition,
  type IconState,
} from '#utils/icon-protocol';
import { MessageCircle } from 'lucide';
import { svgIcon } from '#utils/svg-icon';
import { createStatusMenu, STATUS_MENU_STYLE, type StatusMenuDeps } from './status-menu';
import { onlyTrusted } from './trusted-events';

/**
 * The chat icon inside the CRM page (FEATURES B1), plain DOM in a closed shadow root: the page's styles
 * cannot reach it, its styles cannot leak out, and the page's scripts get no handle on its controls. The host is position: fixed with no size in the flow, so
 * the page's own layout never moves. It answers only the rep's own clicks, keys and drags, never the
 * page's synthetic events (trusted-events.ts).
 */
export interface IconDeps extends StatusMenuDeps {
  /** browser.i18n.getMessage */
  message(key: string, subs?: string[]): string;
  onOpen(): void;
  onMoved(position: IconPosition): void;
  viewport(): { width: number; height: number };
}

const STYLE = `
:host { all: initial; }
.open {
  all: initial; box-sizing: border-box; position: relative; display: grid; place-items: center;
  width: ${ICON_SIZE}px; height: ${ICON_SIZE}px; border-radius: 50%; cursor: grab; touch-action: none;
  background: #1d4ed8; color: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.3);
  font: 600 13px/1 system-ui, sans-serif;
}
.open:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.open.dragging { cursor: grabbing; }
svg { width: 24px; height: 24px; }
.count {
  position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 5px;
  box-sizing: border-box; border-radius: 10px; background: #c2410c; color: #fff;
  display: grid; place-items: center; font-size: 11px;
}
.count[hidden] { display: none; }
.dot { display: block; width: 12px; height: 12px; border-radius: 50%; box-sizing: border-box; background: #9ca3af; }
.warn {
  position: absolute; top: -4px; left: -4px; width: 18px; height: 18px; border-radius: 50%;
  background: #f59e0b; color: #111; display: grid; place-items: center; font-size: 12px; font-weight: 700;
}
.warn[hidden] { display: none; }
.dot[data-status="online"] { background: #16a34a; }
.dot[data-status="away"] { background: #f59e0b; }
.dot[data-status="invisible"] { background: #6b7280; }
.dot[data-status="offline"] { background: #dc2626; }
.open[data-blinking="true"] { animation: parley-blink 1s ease-in-out infinite; }
@keyframes parley-blink { 50% { background: #f97316; box-shadow: 0 0 0 6px rgba(249,115,22,.35); } }
@media (prefers-reduced-motion: reduce) {
  .open[data-blinking="true"] { animation-duration: 2.5s; }
}
${STATUS_MENU_STYLE}`;

/** Pixels an arrow key moves the icon; with Shift, five times as far. */
const KEY_STEP = 10;

export function createIcon(host: HTMLElement, deps: IconDeps) {
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'open';
  button.append(svgIcon(MessageCircle));
  const count = document.createElement('span');
  count.className = 'count';
  count.setAttribute('aria-hidden', 'true');
  const warn = document.createElement('span');
  warn.className = 'warn';
  warn.textContent = '!';
  warn.setAttribute('aria-hidden', 'true');
  button.append(count, warn);
  const status = createStatusMenu(deps);
  button.title = deps.message('iconHint');
  button.setAttribute('aria-keyshortcuts', 'ArrowUp ArrowDown ArrowLeft ArrowRight');
  root.append(style, button, ...status.elements);

  let position = DEFAULT_ICON_POSITION;
  function place(next: IconPosition) {
    position = clampPosition(next, deps.viewport());
    host.style.setProperty('right', `${position.right}px`, 'important');
    host.style.setProperty('bottom', `${position.bottom}px`, 'important');
  }
  for (const [name, value] of [
    ['position', 'fixed'],
    ['z-index', '2147483647'],
    ['display', 'block'],
    ['width', `${ICON_SIZE}px`],
    ['height', `${ICON_SIZE}px`],
    ['margin', '0'],
  ]) {
    host.style.setProperty(name!, value!, 'important');
  }
  place(position);

  function render(state: IconState) {
    const shown = state.signedIn ? state.status : 'offline';
    status.render(state);
    count.textContent = state.pending > 99 ? '99+' : String(state.pending);
    count.hidden = state.pending === 0;
    button.dataset.blinking = String(state.pending > 0);
    button.dataset.pending = String(state.pending);
    const statusName = deps.message(`status${shown[0]!.toUpperCase()}${shown.slice(1)}`);
    const label = deps.message('iconLabel', [String(state.pending), statusName]);
    // The closing warning (FEATURES B4) is part of the name, and the hint a pointer user sees.
    button.setAttribute('aria-label', state.warning ? `${label}. ${state.warning}` : label);
    button.title = state.warning ?? deps.message('iconHint');
    warn.hidden = !state.warning;
    button.dataset.warning = String(!!state.warning);
  }

  // Drag with the pointer; a press that hardly moved is a click.
  let drag: { x: number; y: number; from: IconPosition; moved: boolean } | null = null;
  button.addEventListener(
    'pointerdown',
    onlyTrusted((event: PointerEvent) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, from: position, moved: false };
      button.setPointerCapture?.(event.pointerId);
    }),
  );
  button.addEventListener(
    'pointermove',
    onlyTrusted((event: PointerEvent) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      button.classList.add('dragging');
      place({ right: drag.from.right - dx, bottom: drag.from.bottom - dy });
    }),
  );
  const endDrag = () => {
    if (drag?.moved) deps.onMoved(position);
    button.classList.remove('dragging');
  };
  button.addEventListener('pointerup', endDrag);
  button.addEventListener('pointercancel', () => {
    endDrag();
    drag = null;
  });
  button.addEventListener(
    'click',
    onlyTrusted((event: MouseEvent) => {
      const wasDrag = drag?.moved;
      drag = null;
      if (wasDrag) {
        event.preventDefault();
        return;
      }
      deps.onOpen();
    }),
  );
  button.addEventListener(
    'keydown',
    onlyTrusted((event: KeyboardEvent) => {
      const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [step, 0],
        ArrowRight: [-step, 0],
        ArrowUp: [0, step],
        ArrowDown: [0, -step],
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      event.stopPropagation();
      place({ right: position.right + move[0], bottom: position.bottom + move[1] });
      deps.onMoved(position);
    }),
  );

  return {
    /** The closed root, for the content script's own code and tests; the page never gets it. */
    root,
    button,
    status,
    render,
    place,
    get position() {
      return position;
    },
  };
}
