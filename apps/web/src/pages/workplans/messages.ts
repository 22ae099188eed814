/** Visible strings of the workplans pages, in Chinese and English (merged into the app's MESSAGES). */
export const WORKPLANS_MESSAGES = {
  'workplans.placeholder': { zh: '…', en: '…' },
} as const;
