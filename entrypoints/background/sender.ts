// Owns who a runtime message comes from: one of Parley's own pages, or a content script in a web page.
import { browser, type Browser } from 'wxt/browser';

/**
 * True for Parley's own pages (side panel, popup, options — also when the options page is open in a
 * tab) and false for a content script, whose `url` is the web page it runs in, and for anything sent
 * by another extension. The page's address decides, not `sender.tab`: an extension page in a tab has one.
 */
export function fromExtensionPage(sender: Browser.runtime.MessageSender | undefined): boolean {
  const origin = browser.runtime.getURL('/');
  return sender?.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(origin);
}
