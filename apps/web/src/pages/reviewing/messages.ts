/** Visible strings of the reviewing pages, in Chinese and English (merged into the app's MESSAGES). */
export const REVIEWING_MESSAGES = {
  'reviewing.menu': { zh: '我的评审任务', en: 'My reviews' },
  'reviewing.menuHint': { zh: '声明回避、查阅申报书并评分', en: 'Declare conflicts, read applications and score' },
} as const;
