/**
 * The side panel's last inbox screen, kept as data so the next opening can draw it before the panel's
 * modules and IndexedDB are ready (FEATURES D1). The live app replaces it as soon as it has drawn the
 * folders from the cache; until then it is inert.
 *
 * It is stored as a tree of tags, attribute pairs and text, never as markup: restoring builds it with
 * createElement / setAttribute / createTextNode, so a visitor's name or message (text nodes and
 * attribute values here) is never parsed as HTML. Only presentational attributes are kept and elements
 * that can run or load anything are dropped, whatever the tree says.
 *
 * No imports: `entrypoints/first-screen.ts` bundles this file alone as the panel's first, classic script.
 */

/** Text, or an element: its tag ("svg:" prefix for SVG), its attributes and its children. */
export type ScreenNode = string | [tag: string, attributes: [string, string][], children: ScreenNode[]];

export interface FirstScreen {
  /** Format version: a snapshot of another format is ignored. */
  v: 1;
  /** The page's language when it was taken (`<html lang>`). */
  lang: string;
  root: ScreenNode;
}

export const FIRST_SCREEN_KEY = 'parley:first-screen';
/** Its id in sidepanel.html; while it is in the document the live app is laid out but not shown (parley.css). */
export const FIRST_SCREEN_ID = 'first-screen';
/** A bigger snapshot is not kept: the panel's first screen is a few dozen rows, a few tens of KB. */
export const FIRST_SCREEN_MAX_CHARS = 300_000;

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Layout, styling (Vue's scoped `data-v-…` included), accessibility and SVG drawing; never ids, links or handlers. */
const KEPT_ATTRIBUTE =
  /^(class|style|role|aria-[a-z]+|type|title|placeholder|datetime|hidden|dir|lang|data-[a-z0-9-]+|viewbox|d|fill|stroke|stroke-[a-z]+|width|height|cx|cy|r|rx|ry|x|y|x1|x2|y1|y2|points)$/;
const TAG = /^(svg:)?[a-z][a-z0-9-]*$/;
const DROPPED_TAGS = new Set([
  'script',
  'style',
  'link',
  'meta',
  'base',
  'iframe',
  'frame',
  'object',
  'embed',
  'template',
  'noscript',
  'svg:script',
  'svg:foreignobject',
  'svg:use',
  'svg:image',
  'svg:a',
]);

const keptAttribute = (name: string) => KEPT_ATTRIBUTE.test(name.toLowerCase());
const keptTag = (tag: string) => TAG.test(tag) && !DROPPED_TAGS.has(tag);

/**
 * The element's tree as data, or null for an element that is never kept or is marked `data-live` (what
 * only the running app can say, like the connection's state); form fields keep no value.
 */
export function captureScreen(element: Element): ScreenNode | null {
  const tag = (element.namespaceURI === SVG_NS ? 'svg:' : '') + element.localName;
  if (!keptTag(tag) || element.hasAttribute('data-live')) return null;
  const attributes: [string, string][] = [];
  for (const { name, value } of Array.from(element.attributes)) if (keptAttribute(name)) attributes.push([name, value]);
  const children: ScreenNode[] = [];
  for (const child of Array.from(element.childNodes)) {
    const kept = child instanceof Element ? captureScreen(child) : child.nodeType === 3 ? child.textContent : null;
    if (kept !== null) children.push(kept);
  }
  return [tag, attributes, children];
}

/** Builds a captured tree with DOM calls only; what it should not hold is left out, not rendered. */
export function buildScreen(node: ScreenNode, doc: Document = document): Node | null {
  if (typeof node === 'string') return doc.createTextNode(node);
  if (!Array.isArray(node) || typeof node[0] !== 'string' || !keptTag(node[0])) return null;
  const [tag, attributes, children] = node;
  const element = tag.startsWith('svg:') ? doc.createElementNS(SVG_NS, tag.slice(4)) : doc.createElement(tag);
  for (const pair of Array.isArray(attributes) ? attributes : []) {
    const [name, value] = Array.isArray(pair) ? pair : [];
    if (typeof name === 'string' && typeof value === 'string' && keptAttribute(name)) element.setAttribute(name, value);
  }
  for (const child of Array.isArray(children) ? children : []) {
    const built = buildScreen(child, doc);
    if (built) element.append(built);
  }
  return element;
}

/** Keeps the screen for the next opening; a screen too big to be worth it, or a full storage, keeps none. */
export function saveFirstScreen(element: Element, storage: Storage = localStorage): void {
  const root = captureScreen(element);
  if (!root) return;
  const screen: FirstScreen = { v: 1, lang: document.documentElement.lang, root };
  const text = JSON.stringify(screen);
  try {
    if (text.length > FIRST_SCREEN_MAX_CHARS) storage.removeItem(FIRST_SCREEN_KEY);
    else storage.setItem(FIRST_SCREEN_KEY, text);
  } catch {
    storage.removeItem(FIRST_SCREEN_KEY);
  }
}

export function forgetFirstScreen(storage: Storage = localStorage): void {
  storage.removeItem(FIRST_SCREEN_KEY);
}

/** The kept screen, or null when there is none or it is not one this code wrote. */
export function readFirstScreen(storage: Storage = localStorage): FirstScreen | null {
  try {
    const screen = JSON.parse(storage.getItem(FIRST_SCREEN_KEY) ?? 'null') as FirstScreen | null;
    return screen?.v === 1 && typeof screen.lang === 'string' ? screen : null;
  } catch {
    return null;
  }
}

/** Draws the kept screen into its placeholder, or removes the placeholder when there is nothing to draw. */
export function showFirstScreen(doc: Document = document, storage: Storage = localStorage): boolean {
  const placeholder = doc.getElementById(FIRST_SCREEN_ID);
  if (!placeholder) return false;
  const screen = readFirstScreen(storage);
  const built = screen && buildScreen(screen.root, doc);
  if (!built) {
    placeholder.remove();
    return false;
  }
  if (screen.lang) doc.documentElement.lang = screen.lang;
  placeholder.append(built);
  return true;
}

/** The live app has drawn its own first screen: the kept one goes. */
export function dropFirstScreen(doc: Document = document): void {
  doc.getElementById(FIRST_SCREEN_ID)?.remove();
}
