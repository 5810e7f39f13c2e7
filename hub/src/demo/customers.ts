import { between, CATEGORIES, pick, type GeneratedProduct, type Random } from './catalog';

/**
 * Demo customers and two years of orders, deterministic from the PRNG. An order starts from one
 * product (popular ones more often) and, most of the time, adds things that go with it: products of
 * the categories it goes with, often from the same brand. That structure is what item-to-item
 * recommendations find again.
 */

const FIRST = [
  'Giulia',
  'Marco',
  'Francesca',
  'Luca',
  'Sofia',
  'Lukas',
  'Anna',
  'Felix',
  'Lena',
  'Jonas',
  'Zofia',
  'Jakub',
  'Katarzyna',
  'Piotr',
  'Ola',
  'Tereza',
  'Tomáš',
  'Eliška',
  'Jan',
  'Petra',
  'Emma',
  'Oliver',
  'Grace',
  'Henry',
  'Chloe',
  'Matteo',
  'Hannah',
  'Wojciech',
  'Veronika',
  'Samuel',
];
const LAST = [
  'Rossi',
  'Ferrari',
  'Esposito',
  'Romano',
  'Colombo',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Nowak',
  'Kowalczyk',
  'Wiśniewska',
  'Wójcik',
  'Kamińska',
  'Novák',
  'Svobodová',
  'Dvořák',
  'Černá',
  'Procházka',
  'Smith',
  'Taylor',
  'Brown',
  'Wilson',
  'Evans',
  'Ricci',
  'Bauer',
  'Lewandowski',
  'Horák',
  'Clarke',
];
const CITIES = [
  ['Firenze', 'Via'],
  ['Milano', 'Corso'],
  ['Berlin', 'Straße'],
  ['München', 'Weg'],
  ['Warszawa', 'ul.'],
  ['Kraków', 'ul.'],
  ['Praha', 'ulice'],
  ['Brno', 'třída'],
  ['London', 'Road'],
  ['Manchester', 'Street'],
] as const;
const COMPANY_WORDS = ['Studio', 'Interiors', 'Hotel', 'Café', 'Architects', 'Design', 'Office', 'Apartments'];
const EMAIL_SUBJECTS = [
  ['in', 'Question about delivery times'],
  ['in', 'Invoice request'],
  ['in', 'Can I change my order?'],
  ['in', 'Do you ship abroad?'],
  ['out', 'Your order has shipped'],
  ['out', 'Thank you for your purchase'],
  ['out', 'Our autumn collection is here'],
  ['out', 'Quote as requested'],
] as const;

export interface GeneratedContact {
  id: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  companyId: string | null;
  ownerId: string | null;
  createdAt: Date;
}
export interface GeneratedCompany {
  id: string;
  name: string;
  website: string;
  industry: string;
}
export interface GeneratedPurchase {
  id: string;
  contactId: string;
  productId: string;
  orderId: string;
  quantity: number;
  priceCents: number;
  purchasedAt: Date;
}
export interface GeneratedEmail {
  id: string;
  contactId: string;
  direction: 'in' | 'out';
  subject: string;
  snippet: string;
  at: Date;
}

const DAY = 86_400_000;
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export function generateCompanies(r: Random, count: number): GeneratedCompany[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(r, LAST)} ${pick(r, COMPANY_WORDS)}`;
    return {
      id: `co_demo_${i + 1}`,
      name,
      website: `https://${ascii(name)}${i + 1}.example.com`,
      industry: pick(r, ['Hospitality', 'Interior design', 'Real estate', 'Office', 'Retail']),
    };
  });
}

export function generateContacts(
  r: Random,
  count: number,
  companies: GeneratedCompany[],
  owners: string[],
  now: number,
): GeneratedContact[] {
  return Array.from({ length: count }, (_, i) => {
    const first = pick(r, FIRST);
    const last = pick(r, LAST);
    const [city, street] = pick(r, CITIES);
    return {
      id: `ct_demo_${i + 1}`,
      name: `${first} ${last}`,
      email: `${ascii(first)}.${ascii(last)}${i + 1}@example.${pick(r, ['com', 'org', 'net'])}`,
      phone: `+${pick(r, ['39', '49', '48', '420', '44'])} ${between(r, 100, 999)} ${between(r, 100, 999)} ${between(r, 1000, 9999)}`,
      address: `${street} ${pick(r, LAST)} ${between(r, 1, 120)}, ${city}`,
      companyId: r() < 0.2 ? pick(r, companies).id : null,
      ownerId: r() < 0.7 ? pick(r, owners) : null,
      createdAt: new Date(now - between(r, 30, 900) * DAY),
    };
  });
}

/** A product index by category, popular products first (a few sell far more than the rest). */
function byCategory(products: GeneratedProduct[]) {
  const map = new Map<string, GeneratedProduct[]>();
  for (const p of products) map.set(p.category, [...(map.get(p.category) ?? []), p]);
  return map;
}

/** Skewed towards the front of the list: the shop's best sellers. */
const popular = <T>(r: Random, items: T[]) => items[Math.floor(items.length * r() * r())];

export function generatePurchases(
  r: Random,
  contacts: GeneratedContact[],
  products: GeneratedProduct[],
  now: number,
): GeneratedPurchase[] {
  const cats = byCategory(products);
  const purchases: GeneratedPurchase[] = [];
  let order = 0;
  for (const c of contacts) {
    const orders = between(r, 1, 6);
    for (let o = 0; o < orders; o++) {
      order += 1;
      const orderId = `or_demo_${order}`;
      const at = new Date(now - between(r, 2, 720) * DAY - between(r, 0, DAY - 1));
      const anchorCat = pick(r, CATEGORIES);
      const anchor = popular(r, cats.get(anchorCat.name)!);
      const lines = [anchor];
      if (r() < 0.75) {
        for (let k = between(r, 1, 3); k > 0; k--) {
          const cat = cats.get(pick(r, anchorCat.goesWith))!;
          const sameBrand = cat.filter((p) => p.brand === anchor.brand);
          lines.push(sameBrand.length > 0 && r() < 0.6 ? pick(r, sameBrand) : popular(r, cat));
        }
      }
      for (const p of new Set(lines)) {
        const quantity = r() < 0.85 ? 1 : between(r, 2, 6);
        purchases.push({
          id: `pu_demo_${purchases.length + 1}`,
          contactId: c.id,
          productId: p.id,
          orderId,
          quantity,
          priceCents: p.priceCents,
          purchasedAt: at,
        });
      }
    }
  }
  return purchases;
}

export function generateEmails(r: Random, contacts: GeneratedContact[], now: number): GeneratedEmail[] {
  const emails: GeneratedEmail[] = [];
  for (const c of contacts) {
    for (let k = between(r, 0, 3); k > 0; k--) {
      const [direction, subject] = pick(r, EMAIL_SUBJECTS);
      emails.push({
        id: `em_demo_${emails.length + 1}`,
        contactId: c.id,
        direction,
        subject,
        snippet: `${subject} — ${c.name}`,
        at: new Date(now - between(r, 1, 120) * DAY),
      });
    }
  }
  return emails;
}
