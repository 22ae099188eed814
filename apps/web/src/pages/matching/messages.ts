/** Visible strings of the matching pages, in Chinese and English (merged into the app's MESSAGES). */
export const MATCHING_MESSAGES = {
  'matching.menu': { zh: '单位匹配复核', en: 'Match review' },
  'matching.menuHint': { zh: '复核国家项目单位与登记单位的不确定匹配', en: 'Review uncertain links of national record units' },
  'matching.title': { zh: '单位匹配复核', en: 'Review of uncertain matches' },
  'matching.run': { zh: '重新匹配', en: 'Run matching again' },
  'matching.runDone': {
    zh: '匹配完成：{matched} 个已匹配，{review} 个待复核，{unmatched} 个未匹配',
    en: 'Done: {matched} matched, {review} to review, {unmatched} unmatched',
  },
  'matching.record': { zh: '国家项目记录', en: 'National record' },
  'matching.written': { zh: '记录中的单位名称', en: 'Unit as written' },
  'matching.confidence': { zh: '置信度', en: 'Confidence' },
  'matching.candidates': { zh: '候选登记单位', en: 'Registry candidates' },
  'matching.score': { zh: '相似度', en: 'Score' },
  'matching.confirm': { zh: '确认', en: 'Confirm' },
  'matching.reject': { zh: '均不是', en: 'None of these' },
  'matching.formerNames': { zh: '曾用名', en: 'Former names' },
  'matching.lead': { zh: '牵头', en: 'Lead' },
  'matching.participant': { zh: '参与', en: 'Participant' },
  'matching.empty': { zh: '没有待复核的匹配', en: 'Nothing to review' },
  'matching.failed': { zh: '操作失败，请刷新后重试', en: 'The decision failed; reload and try again' },
} as const;
