/** Visible strings of the map pages, in Chinese and English (merged into the app's MESSAGES). */
export const MAP_MESSAGES = {
  'map.placeholder': { zh: '…', en: '…' },
} as const;
