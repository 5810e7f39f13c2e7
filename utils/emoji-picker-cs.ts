import type { I18n } from 'emoji-picker-element/shared';

/** Czech strings for the emoji picker's own interface (the package ships no Czech translation). */
export const cs: I18n = {
  categoriesLabel: 'Kategorie',
  emojiUnsupportedMessage: 'Váš prohlížeč nepodporuje barevné emoji.',
  favoritesLabel: 'Oblíbené',
  loadingMessage: 'Načítání…',
  networkErrorMessage: 'Emoji se nepodařilo načíst.',
  regionLabel: 'Výběr emoji',
  searchDescription: 'Když jsou k dispozici výsledky, vyberte šipkou nahoru nebo dolů a potvrďte klávesou Enter.',
  searchLabel: 'Hledat',
  searchResultsLabel: 'Výsledky hledání',
  skinToneDescription: 'Po rozbalení vyberte šipkou nahoru nebo dolů a potvrďte klávesou Enter.',
  skinToneLabel: 'Vyberte odstín pleti (nyní {skinTone})',
  skinTonesLabel: 'Odstíny pleti',
  skinTones: ['Výchozí', 'Světlý', 'Středně světlý', 'Střední', 'Středně tmavý', 'Tmavý'],
  categories: {
    custom: 'Vlastní',
    'smileys-emotion': 'Smajlíci a emoce',
    'people-body': 'Lidé a tělo',
    'animals-nature': 'Zvířata a příroda',
    'food-drink': 'Jídlo a pití',
    'travel-places': 'Cestování a místa',
    activities: 'Aktivity',
    objects: 'Předměty',
    symbols: 'Symboly',
    flags: 'Vlajky',
  },
};
