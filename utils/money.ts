import { uiLanguage } from './i18n';

/** A price in the rep's language, e.g. "€1,299.00". */
export function formatPrice(amountCents: number, currency: string): string {
  try {
    return new Intl.NumberFormat(uiLanguage(), { style: 'currency', currency }).format(amountCents / 100);
  } catch {
    return `${(amountCents / 100).toFixed(2)} ${currency}`;
  }
}
