/** Visible strings of the review pages, in Chinese and English (merged into the app's MESSAGES). */
export const REVIEW_MESSAGES = {
  'review.menu': { zh: '专家评审', en: 'Expert review' },
  'review.menuHint': { zh: '评审专家库、回避、分配专家、评分汇总与排序', en: 'Expert pool, conflicts, assignment, scores and ranking' },
} as const;
