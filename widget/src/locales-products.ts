/** The widget's strings for product cards (FEATURES E10), spread into the dictionaries of locales.ts. */
export const productsEn = {
  productView: 'View product',
  productViewNamed: 'View {name} (opens in a new tab)',
  productImage: 'Product image',
};
export const productsIt = {
  productView: 'Vedi prodotto',
  productViewNamed: 'Vedi {name} (si apre in una nuova scheda)',
  productImage: 'Immagine del prodotto',
};
export const productsDe = {
  productView: 'Produkt ansehen',
  productViewNamed: '{name} ansehen (öffnet in einem neuen Tab)',
  productImage: 'Produktbild',
};
export const productsPl = {
  productView: 'Zobacz produkt',
  productViewNamed: 'Zobacz {name} (otwiera się w nowej karcie)',
  productImage: 'Zdjęcie produktu',
};
export const productsCs = {
  productView: 'Zobrazit produkt',
  productViewNamed: 'Zobrazit {name} (otevře se na nové kartě)',
  productImage: 'Obrázek produktu',
};
