// The extension APIs in the component tests: WXT's fake browser as the `browser` and `chrome` globals,
// as in the Node projects (WXT's own set-up module is virtual, which the page cannot load). A set-up
// file of its own, loaded first: @wxt-dev/browser reads the global once, when first imported.
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);
