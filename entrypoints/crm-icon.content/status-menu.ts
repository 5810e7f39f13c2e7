import type { IconState, SettableIconStatus } from '#utils/icon-protocol';
import { onlyTrusted } from './trusted-events';

/**
 * Availability from the page icon (FEATURES A3): the status dot is a button that opens a small menu of
 * Online / Away / Invisible / Offline. Keyboard: Enter or Space opens it on the status in force, arrows and
 * Home/End move, Escape closes; focus leaving the menu closes it. The worker sends the change to the
 * hub and the icon shows the new status when the hub has it; a refusal is said in a live region. Only
 * the rep's own clicks and keys count (trusted-events.ts).
 */
export interface StatusMenuDeps {
  message(key: string, subs?: string[]): string;
  /** Resolves with null once the hub has the status, or the reason it does not, in the rep's language. */
  onStatus(status: SettableIconStatus): Promise<string | null>;
}

export const STATUS_MENU_STYLE = `
.status {
  all: initial; position: absolute; bottom: -4px; right: -4px; width: 20px; height: 20px; border-radius: 50%;
  display: grid; place-items: center; cursor: pointer; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.3);
}
.status:focus-visible, .menu button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
.status[hidden], .menu[hidden], .note[hidden] { display: none; }
.menu, .note {
  position: absolute; right: 0; bottom: 56px; min-width: 150px; box-sizing: border-box; padding: 4px;
  background: #fff; color: #111; border: 1px solid #d1d5db; border-radius: 8px; box-shadow: 0 4px 12px rgba(0,0,0,.2);
  font: 13px/1.3 system-ui, sans-serif; display: flex; flex-direction: column;
}
.menu.below, .note.below { bottom: auto; top: 56px; }
.menu button {
  all: initial; display: flex; align-items: center; gap: 8px; padding: 6px 10px; border-radius: 4px; cursor: pointer;
  font: inherit; color: inherit;
}
.menu button:hover { background: #f3f4f6; }
.menu button[aria-checked="true"] { font-weight: 700; }
.note { padding: 6px 10px; max-width: 240px; }
`;

const STATUSES: SettableIconStatus[] = ['online', 'away', 'invisible', 'offline'];
const statusKey = (status: string) => `status${status[0]!.toUpperCase()}${status.slice(1)}`;
/** Seconds a refusal stays on screen. */
const NOTE_MS = 6_000;

export function createStatusMenu(deps: StatusMenuDeps) {
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'status';
  toggle.setAttribute('aria-haspopup', 'menu');
  toggle.setAttribute('aria-expanded', 'false');
  const dot = document.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  toggle.append(dot);

  const menu = document.createElement('div');
  menu.className = 'menu';
  menu.setAttribute('role', 'menu');
  menu.setAttribute('aria-label', deps.message('iconStatusMenu'));
  menu.hidden = true;
  const items = STATUSES.map((status) => {
    const item = document.createElement('button');
    item.type = 'button';
    item.setAttribute('role', 'menuitemradio');
    item.dataset.status = status;
    item.tabIndex = -1;
    const mark = document.createElement('span');
    mark.className = 'dot';
    mark.dataset.status = status;
    mark.setAttribute('aria-hidden', 'true');
    item.append(mark, deps.message(statusKey(status)));
    item.addEventListener(
      'click',
      onlyTrusted(() => void choose(status)),
    );
    return item;
  });
  menu.append(...items);

  const note = document.createElement('div');
  note.className = 'note';
  note.setAttribute('role', 'status');
  note.hidden = true;
  let noteTimer: ReturnType<typeof setTimeout> | undefined;

  let current: IconState['status'] = 'offline';

  function open() {
    // Opens towards the roomier side of the viewport.
    const below = toggle.getBoundingClientRect().top < 160;
    menu.classList.toggle('below', below);
    note.classList.toggle('below', below);
    menu.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    (items.find((i) => i.dataset.status === current) ?? items[0]!).focus();
  }
  function close(refocus: boolean) {
    if (menu.hidden) return;
    menu.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    if (refocus) toggle.focus();
  }
  async function choose(status: SettableIconStatus) {
    close(true);
    const failure = await deps.onStatus(status);
    clearTimeout(noteTimer);
    note.textContent = failure ? deps.message('iconStatusFailed', [failure]) : '';
    note.hidden = !failure;
    if (failure) noteTimer = setTimeout(() => (note.hidden = true), NOTE_MS);
  }

  toggle.addEventListener(
    'click',
    onlyTrusted(() => (menu.hidden ? open() : close(true))),
  );
  toggle.addEventListener(
    'keydown',
    onlyTrusted((event: KeyboardEvent) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      event.stopPropagation();
      open();
    }),
  );
  menu.addEventListener(
    'keydown',
    onlyTrusted((event: KeyboardEvent) => {
      const at = items.indexOf(event.target as HTMLButtonElement);
      const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
      if (event.key === 'Escape') close(true);
      else if (event.key in moves) items[(moves[event.key]! + items.length) % items.length]!.focus();
      else return;
      event.preventDefault();
      event.stopPropagation();
    }),
  );
  menu.addEventListener('focusout', (event) => {
    if (!items.includes(event.relatedTarget as HTMLButtonElement) && event.relatedTarget !== toggle) close(false);
  });

  return {
    elements: [toggle, menu, note] as const,
    toggle,
    menu,
    render(state: IconState) {
      current = state.signedIn ? state.status : 'offline';
      dot.dataset.status = current;
      toggle.hidden = !state.signedIn;
      if (!state.signedIn) close(false);
      toggle.setAttribute('aria-label', deps.message('iconStatusButton', [deps.message(statusKey(current))]));
      for (const item of items) item.setAttribute('aria-checked', String(item.dataset.status === current));
    },
  };
}
