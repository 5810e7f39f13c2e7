// Where the browsers are: found, not assumed. For each browser, in order: its environment variable,
// then Debian's path, then Playwright's own download where one exists. Used by the end-to-end tests,
// the Firefox smoke and the bench scripts (docs/TESTING.md).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Playwright's own build, if `npx playwright install chromium` ever ran on this machine. */
function playwrightChromium() {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}

const BROWSERS = {
  chromium: {
    env: 'PARLEY_CHROMIUM',
    candidates: () => ['/usr/bin/chromium', playwrightChromium()],
  },
  // No Playwright fallback: its Firefox is a patched build driven through its own protocol, which
  // cannot install an add-on; the smoke needs a release Firefox (WebDriver BiDi, remote debugging).
  firefox: {
    env: 'PARLEY_FIREFOX',
    candidates: () => ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
  },
};

/**
 * The executable for `name` ('chromium' | 'firefox'). A variable that is set must name an existing
 * file: a typo should fail loudly, not fall back silently to another browser.
 */
export function browserPath(name) {
  const browser = BROWSERS[name];
  if (!browser) throw new Error(`unknown browser ${name}; known: ${Object.keys(BROWSERS).join(', ')}`);
  const fromEnv = process.env[browser.env];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${browser.env}=${fromEnv}: no such file`);
    return fromEnv;
  }
  const tried = browser.candidates().filter(Boolean);
  const found = tried.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    `${name} not found: set ${browser.env}, or install it (tried ${tried.join(', ')}; .ci/run installs Debian's)`,
  );
}

export const chromiumPath = () => browserPath('chromium');
export const firefoxPath = () => browserPath('firefox');
