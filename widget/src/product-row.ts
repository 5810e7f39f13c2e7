import type { VisitorProductCard } from '#protocol/visitor';
import { h } from './dom';
import type { Translate } from './i18n';

/**
 * A product card a rep sent (FEATURES E10): only the fields they picked. Text goes in as text; the link
 * and image must be http(s) (checked again here, not only by the frame schema) and the link opens in
 * a new tab with no opener and no referrer.
 */
const safe = (url: string | null): string | null => {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

export function productNodes(p: VisitorProductCard, t: Translate, lang: string): Node[] {
  const card = h('div', { class: 'product-card' });
  const image = safe(p.imageUrl);
  if (image) card.append(h('img', { class: 'product-image', src: image, alt: p.name ?? t('productImage') }));
  if (p.name) card.append(h('p', { class: 'text product-name' }, p.name));
  if (p.price)
    card.append(
      h(
        'p',
        { class: 'product-price' },
        new Intl.NumberFormat(lang, { style: 'currency', currency: p.price.currency }).format(
          p.price.amountCents / 100,
        ),
      ),
    );
  const link = safe(p.url);
  if (link) {
    const label = p.name ? t('productViewNamed', { name: p.name }) : t('productView');
    card.append(
      h(
        'a',
        { class: 'product-link', href: link, target: '_blank', rel: 'noopener noreferrer', 'aria-label': label },
        t('productView'),
      ),
    );
  }
  return [card];
}
