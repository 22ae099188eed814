/** Visible strings of the selection pages, in Chinese and English (merged into the app's MESSAGES). */
export const SELECTION_MESSAGES = {
  'selection.menu': { zh: '立项遴选', en: 'Selection' },
  'selection.menuHint': { zh: '在政策上限内优化确定拟支持项目', en: 'Choose the funded set within the policy caps' },
} as const;
