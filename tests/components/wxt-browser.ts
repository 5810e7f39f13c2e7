// `wxt/browser` in the component tests: WXT's fake browser (WXT's own stand-in also loads its Node-only Vitest plugin).
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const browser = fakeBrowser;
export default fakeBrowser;
