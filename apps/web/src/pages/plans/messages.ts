/** Visible strings of the plans pages, in Chinese and English (merged into the app's MESSAGES). */
export const PLANS_MESSAGES = {
  'plans.placeholder': { zh: '…', en: '…' },
} as const;
