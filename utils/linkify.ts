import { tokenize } from 'linkifyjs';

/** A run of message text; `href` is set only for links with a scheme that is safe to open. */
export interface TextPart {
  text: string;
  href: string;
}

const SAFE_SCHEMES = /^(https?:|mailto:)/i;

/**
 * Splits untrusted text into plain runs and links. The template renders the parts as text nodes
 * and <a> elements, so visitor text is never parsed as HTML (FEATURES I4).
 */
export function linkParts(text: string): TextPart[] {
  return tokenize(text).map((token) => {
    const href = token.isLink ? token.toHref('https') : '';
    return { text: token.toString(), href: SAFE_SCHEMES.test(href) ? href : '' };
  });
}
