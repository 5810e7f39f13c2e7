import type { BrowserContext } from '@playwright/test';

/**
 * The widget's shadow root is closed, so the host page's scripts get no handle on it. Playwright's
 * locators pierce only open roots, so test browsers run this before any page script: it opens the
 * root of <parley-widget> elements only, like a debugger would, and changes nothing else.
 * widget-hostile-host.spec.ts checks the real, closed root in a browser without it.
 */
export async function openWidgetShadowForTests(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      return attach.call(this, this.localName === 'parley-widget' ? { ...init, mode: 'open' } : init);
    };
  });
}
