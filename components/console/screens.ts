import { onBeforeUnmount, ref } from 'vue';

/**
 * The admin console's screens (FEATURES H1): settings (chats, templates, CRM, analytics, site access),
 * people, and websites and queues. The screen is the page's #fragment, so reload, back and a link keep it.
 */
export const CONSOLE_SCREENS = ['settings', 'people', 'websites'] as const;
export type ConsoleScreen = (typeof CONSOLE_SCREENS)[number];

const fromHash = (): ConsoleScreen => CONSOLE_SCREENS.find((s) => `#${s}` === location.hash) ?? 'settings';

export function useConsoleScreen() {
  const screen = ref<ConsoleScreen>(fromHash());
  const follow = () => {
    screen.value = fromHash();
    // Focus moves to the new screen's heading, as a page load would put a screen reader there.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.console-screen h2, main h1')?.focus());
  };
  window.addEventListener('hashchange', follow);
  onBeforeUnmount(() => window.removeEventListener('hashchange', follow));
  return screen;
}
