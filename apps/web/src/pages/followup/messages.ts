/** Visible strings of the followup pages, in Chinese and English (merged into the app's MESSAGES). */
export const FOLLOWUP_MESSAGES = {
  'followup.placeholder': { zh: '…', en: '…' },
} as const;
