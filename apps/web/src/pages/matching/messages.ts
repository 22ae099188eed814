/** Visible strings of the matching pages, in Chinese and English (merged into the app's MESSAGES). */
export const MATCHING_MESSAGES = {
  'matching.placeholder': { zh: '…', en: '…' },
} as const;
