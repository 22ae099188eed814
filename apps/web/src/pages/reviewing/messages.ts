/** Visible strings of the reviewing pages, in Chinese and English (merged into the app's MESSAGES). */
export const REVIEWING_MESSAGES = {
  'reviewing.menu': { zh: '我的评审任务', en: 'My reviews' },
  'reviewing.menuHint': { zh: '声明回避、查阅申报书并评分', en: 'Declare conflicts, read applications and score' },

  // Task list
  'reviewing.tasks.title': { zh: '我的评审任务', en: 'My review tasks' },
  'reviewing.tasks.help': {
    zh: '打开任务前须先作出回避声明；声明无利益冲突后方可查阅申报书并评分。',
    en: 'Before a task opens you declare whether you have a conflict of interest; the application opens once you declare none.',
  },
  'reviewing.tasks.empty': { zh: '暂无已下发的评审任务', en: 'No review tasks have been released to you' },
  'reviewing.tasks.call': { zh: '申报指南', en: 'Call' },
  'reviewing.tasks.application': { zh: '项目名称', en: 'Application' },
  'reviewing.tasks.applicant': { zh: '申报单位', en: 'Applicant' },
  'reviewing.tasks.field': { zh: '技术领域', en: 'Field' },
  'reviewing.tasks.state': { zh: '状态', en: 'State' },
  'reviewing.tasks.open': { zh: '打开', en: 'Open' },
  'reviewing.blind': { zh: '盲评', en: 'Blind review' },
  'reviewing.state.declare': { zh: '待声明回避', en: 'Declaration due' },
  'reviewing.state.conflict': { zh: '已声明回避', en: 'Conflict declared' },
  'reviewing.state.scoring': { zh: '评分中', en: 'Scoring' },
  'reviewing.state.submitted': { zh: '已提交', en: 'Submitted' },
  'reviewing.reviewStatus.setup': { zh: '准备中', en: 'Setting up' },
  'reviewing.reviewStatus.scoring': { zh: '评审进行中', en: 'Review open' },
  'reviewing.reviewStatus.closed': { zh: '评审已结束', en: 'Review closed' },
  'reviewing.back': { zh: '返回评审任务', en: 'Back to my reviews' },
  'reviewing.notFound': { zh: '未找到该评审任务', en: 'This review task was not found' },

  // Declaration
  'reviewing.declare.title': { zh: '回避声明', en: 'Conflict-of-interest declaration' },
  'reviewing.declare.intro': {
    zh: '查阅申报材料前，请确认您与本项目不存在下列任一利益冲突情形。存在任一情形的，请声明回避。',
    en: 'Before the application opens, confirm that none of the following applies to you and this application. If any applies, declare a conflict.',
  },
  'reviewing.declare.rule.same_unit': {
    zh: '您现任职单位即为申报单位；',
    en: 'You currently work for the applying unit;',
  },
  'reviewing.declare.rule.same_group': {
    zh: '您所在单位与申报单位属同一集团（存在直接或间接控股关系）；',
    en: 'Your unit and the applicant belong to the same corporate group (direct or indirect control);',
  },
  'reviewing.declare.rule.consortium_member': {
    zh: '产业链联合体项目：您所在单位是该项目工作方案联合体的成员；',
    en: 'Chain consortium projects: your unit is a member of the project’s work plan consortium;',
  },
  'reviewing.declare.rule.participating_unit': {
    zh: '您所在单位是该项目的参与单位；',
    en: 'Your unit is a participating unit of the application;',
  },
  'reviewing.declare.rule.national_coparticipation': {
    zh: '近 {n} 年内（本次评审设定的回避年限）您与申报单位或项目负责人共同参与过国家级项目；',
    en: 'Within the last {n} years (this review’s conflict window) you took part in a national project together with the applicant or the project leader;',
  },
  'reviewing.declare.rule.other': {
    zh: '其他可能影响公正评审的关系（如师生、亲属、合作或竞争关系）。',
    en: 'Any other relationship that could affect a fair review (supervisor or student, relatives, close collaboration or competition).',
  },
  'reviewing.declare.noConflict': { zh: '本人与该项目不存在利益冲突', en: 'I have no conflict of interest with this application' },
  'reviewing.declare.conflict': { zh: '本人存在利益冲突，申请回避', en: 'I have a conflict of interest and withdraw' },
  'reviewing.declare.reason': { zh: '回避理由', en: 'Reason for the conflict' },
  'reviewing.declare.reasonHelp': { zh: '请简要说明（至少 2 个字）', en: 'Briefly explain (at least 2 characters)' },
  'reviewing.declare.submit': { zh: '提交声明', en: 'Submit declaration' },
  'reviewing.declare.choose': { zh: '请选择一项声明', en: 'Choose one declaration' },
  'reviewing.declare.confirmConflict': {
    zh: '确认声明回避？声明后本任务将退回，由管理人员另行指派专家。',
    en: 'Declare a conflict? The task is then declined and an officer assigns another expert.',
  },
  'reviewing.declare.done': { zh: '已提交声明', en: 'Declaration submitted' },
  'reviewing.declared.conflictTitle': { zh: '您已对本项目声明回避', en: 'You declared a conflict on this application' },
  'reviewing.declared.conflictBody': {
    zh: '该任务已退回，管理人员将另行指派专家。',
    en: 'The task has been declined; an officer will assign another expert.',
  },

  // Application
  'reviewing.app.title': { zh: '申报材料', en: 'Application' },
  'reviewing.app.applicant': { zh: '申报单位', en: 'Applicant' },
  'reviewing.app.blindApplicant': { zh: '盲评：申报单位及团队信息已隐去', en: 'Blind review: the applicant and team are hidden' },
  'reviewing.app.track': { zh: '类别', en: 'Track' },
  'reviewing.app.field': { zh: '技术领域', en: 'Field' },
  'reviewing.app.direction': { zh: '研究方向', en: 'Direction' },
  'reviewing.app.cityFunds': { zh: '申请市财政经费', en: 'City funds requested' },
  'reviewing.app.attachments': { zh: '附件', en: 'Attachments' },
  'reviewing.app.noAttachments': { zh: '无附件', en: 'No attachments' },
  'reviewing.app.other': { zh: '其他内容', en: 'Other content' },

  // Scoring
  'reviewing.score.title': { zh: '评分', en: 'Scoring' },
  'reviewing.score.scale': { zh: '评分范围 {min}–{max}，步长 {step}', en: 'Scale {min}–{max} in steps of {step}' },
  'reviewing.score.weight': { zh: '权重 {w}', en: 'Weight {w}' },
  'reviewing.score.na': { zh: '不适用', en: 'Not applicable' },
  'reviewing.score.comment': { zh: '评语', en: 'Comment' },
  'reviewing.score.overall': { zh: '总体意见', en: 'Overall comment' },
  'reviewing.score.total': { zh: '加权总分（百分制）', en: 'Weighted total (0–100)' },
  'reviewing.score.totalNone': { zh: '尚无可计分项', en: 'Nothing scored yet' },
  'reviewing.score.progress': { zh: '已评 {done} / {all} 项', en: '{done} of {all} criteria done' },
  'reviewing.score.saving': { zh: '保存中…', en: 'Saving…' },
  'reviewing.score.saved': { zh: '已自动保存', en: 'Saved' },
  'reviewing.score.dirty': { zh: '有未保存的修改', en: 'Unsaved changes' },
  'reviewing.score.saveFailed': { zh: '保存失败：{msg}', en: 'Could not save: {msg}' },
  'reviewing.score.stale': {
    zh: '该评分已在其他页面或设备上修改，已重新加载最新内容。',
    en: 'These scores were changed elsewhere; the latest version has been reloaded.',
  },
  'reviewing.score.submit': { zh: '提交评分', en: 'Submit scores' },
  'reviewing.score.submitConfirm': {
    zh: '提交后不可修改。确认提交评分？',
    en: 'Scores cannot be changed after submitting. Submit now?',
  },
  'reviewing.score.incomplete': {
    zh: '尚有 {n} 项未评分（可标记为不适用）',
    en: '{n} criteria still need a score (or "not applicable")',
  },
  'reviewing.score.submitted': { zh: '评分已提交', en: 'Scores submitted' },
  'reviewing.score.submittedAt': { zh: '已于 {at} 提交', en: 'Submitted at {at}' },
  'reviewing.score.readOnly': { zh: '评审已结束，评分不可修改', en: 'The review is closed; scores can no longer change' },
  'reviewing.score.noCriteria': { zh: '本指南未设置评分指标', en: 'This call has no scoring criteria' },
  'reviewing.others.title': { zh: '其他专家评分', en: "Other experts' scores" },
  'reviewing.others.hidden': {
    zh: '提交本人评分后方可查看其他专家的评分。',
    en: 'Other experts’ scores are hidden until you submit your own.',
  },
  'reviewing.others.none': { zh: '其他专家尚未提交评分', en: 'No other expert has submitted yet' },
  'reviewing.others.expert': { zh: '专家', en: 'Expert' },
  'reviewing.others.total': { zh: '总分', en: 'Total' },

  // Expert profile: availability
  'reviewing.profile.availability': { zh: '评审可用性', en: 'Availability for reviews' },
  'reviewing.profile.available': { zh: '接受评审任务', en: 'Available for reviews' },
  'reviewing.profile.unavailableUntil': { zh: '暂不可用至（含）', en: 'Unavailable until (inclusive)' },
  'reviewing.profile.unavailableHelp': {
    zh: '在此日期（含）之前不会被指派评审任务；留空表示不设期限。',
    en: 'No review is assigned to you up to and including this day; leave empty for no date.',
  },
  'reviewing.profile.loadCap': { zh: '评审任务上限', en: 'Review load cap' },
  'reviewing.profile.loadCapHelp': { zh: '由管理人员设定', en: 'Set by the officers' },
  'reviewing.profile.availableNow': { zh: '可接受任务', en: 'Available' },
  'reviewing.profile.unavailableNow': { zh: '暂不可用', en: 'Unavailable' },
  'reviewing.profile.notSupported': {
    zh: '服务器尚未提供可用性信息',
    en: 'The server does not report availability yet',
  },

  // Applicant exclusions (ExclusionsCard on the application page)
  'reviewing.exclusions.title': { zh: '申请回避的专家', en: 'Experts to exclude' },
  'reviewing.exclusions.help': {
    zh: '可提出不超过 {limit} 名需回避的专家，须在专家评审任务下发前提交。',
    en: 'You may name up to {limit} experts to exclude, until the review assignments are released.',
  },
  'reviewing.exclusions.count': { zh: '已提出 {n} / {limit} 名', en: '{n} of {limit} named' },
  'reviewing.exclusions.name': { zh: '专家姓名', en: 'Expert name' },
  'reviewing.exclusions.unit': { zh: '所在单位', en: 'Unit' },
  'reviewing.exclusions.reason': { zh: '回避理由', en: 'Reason' },
  'reviewing.exclusions.add': { zh: '添加', en: 'Add' },
  'reviewing.exclusions.remove': { zh: '移除', en: 'Remove' },
  'reviewing.exclusions.removeConfirm': { zh: '确认移除该回避申请？', en: 'Remove this exclusion?' },
  'reviewing.exclusions.added': { zh: '已添加', en: 'Added' },
  'reviewing.exclusions.removed': { zh: '已移除', en: 'Removed' },
  'reviewing.exclusions.full': { zh: '已达上限', en: 'The limit is reached' },
  'reviewing.exclusions.empty': { zh: '尚未提出回避专家', en: 'No expert named' },
  'reviewing.exclusions.nameRequired': { zh: '请填写专家姓名', en: 'Enter the expert’s name' },
} as const;
