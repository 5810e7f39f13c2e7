import type { CDPSession, Page } from '@playwright/test';

/**
 * The page icon lives in a closed shadow root created by the content script in its isolated world:
 * neither the CRM page's scripts nor Playwright's selectors (which pierce only open roots, and only in
 * the main world) can reach it. The browser's accessibility tree can, as a screen reader does. These
 * helpers find the icon's controls by role and accessible name through the DevTools protocol
 * (Chromium), read their state there, and use them with real input: a mouse click at the control's
 * centre and key presses are trusted events, exactly what the icon accepts.
 */
export interface AxControl {
  /** Its accessible name now, or null when no such control exists. */
  name(): Promise<string | null>;
  /** An attribute of its element now, or null. */
  attribute(name: string): Promise<string | null>;
  /** Its accessibility tree state: checked (menu items) and focused. */
  checked(): Promise<boolean | null>;
  focused(): Promise<boolean>;
  count(): Promise<number>;
  /** A trusted click at the middle of its box. */
  click(): Promise<void>;
  focus(): Promise<void>;
}

type AxNode = {
  backendDOMNodeId?: number;
  name?: { value?: string };
  ignored?: boolean;
  properties?: { name: string; value: { value?: unknown } }[];
};

export function closedShadow(page: Page, hostSelector: string) {
  let session: Promise<CDPSession> | null = null;
  const cdp = () => (session ??= page.context().newCDPSession(page));

  /** The host element's backend node id, looked up again each time: a reload replaces the document. */
  async function host(): Promise<number | null> {
    const s = await cdp();
    const { root } = await s.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await s.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
    if (!nodeId) return null;
    const { node } = await s.send('DOM.describeNode', { nodeId });
    return node.backendNodeId;
  }

  function getByRole(role: string, options: { name: string | RegExp }): AxControl {
    const matches = (name: string) =>
      typeof options.name === 'string' ? name === options.name : options.name.test(name);
    async function all(): Promise<AxNode[]> {
      const backendNodeId = await host();
      if (backendNodeId === null) return [];
      const { nodes } = (await (await cdp()).send('Accessibility.queryAXTree', { backendNodeId, role })) as {
        nodes: AxNode[];
      };
      return nodes.filter((n) => !n.ignored && matches(n.name?.value ?? ''));
    }
    async function one(): Promise<AxNode | null> {
      const found = await all();
      if (found.length > 1) throw new Error(`${found.length} ${role} controls named ${String(options.name)}`);
      return found[0] ?? null;
    }
    async function element(): Promise<number> {
      const node = await one();
      if (!node?.backendDOMNodeId) throw new Error(`no ${role} named ${String(options.name)} in ${hostSelector}`);
      return node.backendDOMNodeId;
    }
    const property = async (name: string) => (await one())?.properties?.find((p) => p.name === name)?.value.value;
    return {
      name: async () => (await one())?.name?.value ?? null,
      async attribute(name) {
        const { node } = await (await cdp()).send('DOM.describeNode', { backendNodeId: await element() });
        const attributes = node.attributes ?? [];
        const at = attributes.findIndex((value, i) => i % 2 === 0 && value === name);
        return at === -1 ? null : attributes[at + 1]!;
      },
      async checked() {
        const value = await property('checked');
        return value === undefined ? null : value === 'true' || value === true;
      },
      focused: async () => (await property('focused')) === true,
      count: async () => (await all()).length,
      async click() {
        const { model } = await (await cdp()).send('DOM.getBoxModel', { backendNodeId: await element() });
        const [x1, y1, , , x3, y3] = model.border;
        await page.mouse.click((x1! + x3!) / 2, (y1! + y3!) / 2);
      },
      async focus() {
        await (await cdp()).send('DOM.focus', { backendNodeId: await element() });
      },
    };
  }

  return { getByRole };
}
