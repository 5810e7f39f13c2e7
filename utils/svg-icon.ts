import { createElement, type IconNode } from 'lucide';

/**
 * One icon set everywhere (Lucide): the Vue pages use it through @lucide/vue, and plain-DOM code —
 * the visitor widget and the page icon's content script — through this, from the same package's
 * icon data. Built with createElementNS, so no markup is parsed on a host page; decorative, since
 * the button around it carries the name. Only the icons imported are bundled.
 */
export function svgIcon(node: IconNode): SVGElement {
  return createElement(node, { 'aria-hidden': 'true', focusable: 'false', class: 'icon' });
}
