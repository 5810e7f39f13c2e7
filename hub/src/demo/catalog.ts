/**
 * The demo shop's catalog, generated deterministically from a seed (FEATURES E10, E11): home goods in
 * fifteen categories from twenty brands. Categories that go together (a desk, a chair and a lamp)
 * are listed as affinities; the purchase generator uses them so co-purchases mean something.
 */

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same demo data everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)];
export const between = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export interface CategorySpec {
  name: string;
  slug: string;
  nouns: readonly string[];
  /** Price range in whole euros. */
  price: readonly [number, number];
  /** Categories bought together with this one. */
  goesWith: readonly string[];
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: 'Lighting',
    slug: 'lighting',
    nouns: ['desk lamp', 'floor lamp', 'pendant light', 'wall sconce', 'table lamp'],
    price: [29, 249],
    goesWith: ['Desks', 'Decor', 'Sofas'],
  },
  {
    name: 'Desks',
    slug: 'desks',
    nouns: ['writing desk', 'standing desk', 'corner desk', 'secretary desk'],
    price: [149, 899],
    goesWith: ['Chairs', 'Lighting', 'Storage'],
  },
  {
    name: 'Chairs',
    slug: 'chairs',
    nouns: ['dining chair', 'office chair', 'armchair', 'bar stool', 'rocking chair'],
    price: [59, 599],
    goesWith: ['Tables', 'Desks', 'Textiles'],
  },
  {
    name: 'Tables',
    slug: 'tables',
    nouns: ['dining table', 'coffee table', 'side table', 'console table'],
    price: [99, 1299],
    goesWith: ['Chairs', 'Tableware', 'Rugs'],
  },
  {
    name: 'Sofas',
    slug: 'sofas',
    nouns: ['two-seat sofa', 'corner sofa', 'daybed', 'loveseat'],
    price: [499, 2499],
    goesWith: ['Textiles', 'Rugs', 'Lighting'],
  },
  {
    name: 'Rugs',
    slug: 'rugs',
    nouns: ['wool rug', 'runner', 'round rug', 'kilim'],
    price: [49, 699],
    goesWith: ['Sofas', 'Tables', 'Decor'],
  },
  {
    name: 'Kitchen',
    slug: 'kitchen',
    nouns: ['knife block', 'cutting board', 'spice rack', 'kitchen scale', 'bread bin'],
    price: [15, 189],
    goesWith: ['Cookware', 'Tableware', 'Storage'],
  },
  {
    name: 'Cookware',
    slug: 'cookware',
    nouns: ['frying pan', 'casserole', 'saucepan set', 'wok', 'roasting tin'],
    price: [25, 329],
    goesWith: ['Kitchen', 'Tableware'],
  },
  {
    name: 'Tableware',
    slug: 'tableware',
    nouns: ['dinner set', 'wine glasses', 'cutlery set', 'serving bowl', 'espresso cups'],
    price: [19, 249],
    goesWith: ['Tables', 'Cookware', 'Textiles'],
  },
  {
    name: 'Bedding',
    slug: 'bedding',
    nouns: ['duvet cover', 'pillow set', 'linen sheets', 'weighted blanket'],
    price: [35, 299],
    goesWith: ['Textiles', 'Bath', 'Lighting'],
  },
  {
    name: 'Bath',
    slug: 'bath',
    nouns: ['towel set', 'bath mat', 'soap dispenser', 'bathrobe'],
    price: [12, 149],
    goesWith: ['Bedding', 'Storage', 'Textiles'],
  },
  {
    name: 'Storage',
    slug: 'storage',
    nouns: ['bookcase', 'storage basket', 'chest of drawers', 'wall shelf', 'shoe cabinet'],
    price: [25, 799],
    goesWith: ['Desks', 'Decor', 'Bath'],
  },
  {
    name: 'Textiles',
    slug: 'textiles',
    nouns: ['cushion cover', 'throw', 'curtains', 'table runner'],
    price: [15, 159],
    goesWith: ['Sofas', 'Bedding', 'Chairs'],
  },
  {
    name: 'Decor',
    slug: 'decor',
    nouns: ['wall mirror', 'vase', 'picture frame', 'candle holder', 'wall clock'],
    price: [12, 199],
    goesWith: ['Plants & pots', 'Lighting', 'Storage'],
  },
  {
    name: 'Plants & pots',
    slug: 'plants',
    nouns: ['ceramic planter', 'hanging pot', 'plant stand', 'watering can'],
    price: [9, 129],
    goesWith: ['Decor', 'Storage'],
  },
];

export const BRANDS = [
  'Nordwood',
  'Lumina',
  'Casa Verde',
  'Hagen & Sohn',
  'Kraków Craft',
  'Bohemia Glass',
  'Atelier Rossi',
  'Fjord',
  'Terracotta & Co',
  'Linea',
  'Oakridge',
  'Velvet Lane',
  'Pietra',
  'Morava',
  'Lindholm',
  'Salvia',
  'Brno Works',
  'Weiss Haus',
  'Marea',
  'Tatra Home',
] as const;

const FINISHES = [
  'Oak',
  'Walnut',
  'Ash',
  'Linen',
  'Wool',
  'Ceramic',
  'Brass',
  'Black',
  'White',
  'Terracotta',
  'Velvet',
  'Cotton',
  'Stoneware',
  'Birch',
  'Copper',
  'Marble',
];

export interface GeneratedProduct {
  id: string;
  sku: string;
  name: string;
  brand: string;
  category: string;
  priceCents: number;
  imageUrl: string;
  url: string;
}

/** 20 products per category (300 in all), each brand carrying a few categories, as a real shop's range does. */
export function generateCatalog(r: Random, shopOrigin: string, perCategory = 20): GeneratedProduct[] {
  const products: GeneratedProduct[] = [];
  const names = new Set<string>();
  CATEGORIES.forEach((cat, ci) => {
    // Five brands per category, overlapping with the neighbours: brands span related ranges.
    const brands = Array.from({ length: 5 }, (_, k) => BRANDS[(ci * 3 + k) % BRANDS.length]);
    for (let i = 0; i < perCategory; i++) {
      const brand = brands[i % brands.length];
      let name: string;
      do name = `${pick(r, FINISHES)} ${pick(r, cat.nouns)}`;
      while (names.has(`${brand}/${name}`));
      names.add(`${brand}/${name}`);
      const id = `pr_${cat.slug}_${String(i + 1).padStart(2, '0')}`;
      const euros = between(r, cat.price[0], cat.price[1]);
      products.push({
        id,
        sku: `${cat.slug.slice(0, 3).toUpperCase()}-${String(ci * 100 + i + 1).padStart(4, '0')}`,
        name,
        brand,
        category: cat.name,
        // Shop prices end in ,90 or ,00.
        priceCents: euros * 100 + (r() < 0.6 ? 90 : 0),
        imageUrl: `${shopOrigin}/demo/product-${cat.slug}.svg`,
        url: `${shopOrigin}/demo/shop-product.html?p=${id}`,
      });
    }
  });
  return products;
}
