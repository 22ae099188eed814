/** Visible strings of the applications pages, in Chinese and English (merged into the app's MESSAGES). */
export const APPLICATIONS_MESSAGES = {
  'applications.placeholder': { zh: '…', en: '…' },
} as const;
