import { onBeforeUnmount, ref } from 'vue';
import type { MessageKey } from '#utils/i18n';

/**
 * The super user's console screens (FEATURES H1): people, websites and queues, chats and their routing
 * bot, templates, the customer store (card fields, pools), the data API, CSV import, the catalog, analytics, CRM sites, my alerts. The screen is the
 * page's #fragment, so reload, back and a link keep it. Reps and supervisors get one page of their own.
 */
export const CONSOLE_SCREENS = [
  'people',
  'websites',
  'chats',
  'templates',
  'crm',
  'data',
  'import',
  'catalog',
  'analytics',
  'sites',
  'alerts',
] as const;
export type ConsoleScreen = (typeof CONSOLE_SCREENS)[number];

export const SCREEN_LABELS: Record<ConsoleScreen, MessageKey> = {
  people: 'peopleTitle',
  websites: 'websitesTitle',
  chats: 'consoleChats',
  templates: 'consoleTemplates',
  crm: 'consoleCustomerStore',
  data: 'consoleDataApi',
  import: 'consoleImport',
  catalog: 'consoleCatalog',
  analytics: 'consoleAnalytics',
  sites: 'consoleCrmSites',
  alerts: 'consoleMyAlerts',
};

const fromHash = (): ConsoleScreen => CONSOLE_SCREENS.find((s) => `#${s}` === location.hash) ?? 'people';

export function useConsoleScreen() {
  const screen = ref<ConsoleScreen>(fromHash());
  const follow = () => {
    screen.value = fromHash();
    // Focus moves to the page's heading, as a page load would put a screen reader there.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };
  window.addEventListener('hashchange', follow);
  onBeforeUnmount(() => window.removeEventListener('hashchange', follow));
  return screen;
}
