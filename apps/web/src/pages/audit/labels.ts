/**
 * Readable names of what the audit trail records: entity types, actions and security event kinds, in
 * Chinese and English. An action is `<entity>.<verb>`; an unknown verb reads as "other operation".
 */
import type { Text } from '@rdplan/domain';

const T = (zh: string, en: string): Text => ({ zh, en });

const ENTITY_LABELS: Record<string, Text> = {
  application: T('申报书', 'Application'),
  calendar_year: T('节假日安排', 'Holiday calendar'),
  calendar: T('节假日安排', 'Holiday calendar'),
  call: T('申报指南', 'Call'),
  chain: T('产业链', 'Industry chain'),
  demo: T('演示数据', 'Demo data'),
  expert: T('评审专家', 'Expert'),
  field: T('领域', 'Field'),
  import_batch: T('导入批次', 'Import batch'),
  invitation: T('成员邀请', 'Invitation'),
  national: T('国家项目数据', 'National records'),
  national_followup: T('国家项目跟踪', 'National follow-up'),
  national_unit: T('国家项目单位匹配', 'National unit match'),
  organisation: T('单位', 'Organisation'),
  overlap: T('重复申报标记', 'Overlap flag'),
  overlap_flag: T('重复申报标记', 'Overlap flag'),
  person: T('人员', 'Person'),
  plan: T('年度计划', 'Annual plan'),
  registry: T('单位名录', 'Registry'),
  review: T('专家评审', 'Expert review'),
  review_assignment: T('评审分配', 'Review assignment'),
  selection: T('立项遴选', 'Selection'),
  session: T('登录会话', 'Session'),
  user: T('用户账号', 'User account'),
  workplan: T('年度工作方案', 'Chain work plan'),
};

const VERB_LABELS: Record<string, Text> = {
  create: T('创建', 'created'),
  update: T('修改', 'updated'),
  delete: T('删除', 'deleted'),
  publish: T('发布', 'published'),
  save: T('保存草稿', 'draft saved'),
  submit: T('提交', 'submitted'),
  resubmit: T('修改后重新提交', 'resubmitted'),
  withdraw: T('撤回', 'withdrawn'),
  attach: T('上传附件', 'attachment added'),
  detach: T('删除附件', 'attachment removed'),
  units: T('设置参与单位', 'participating units set'),
  unit_confirm: T('参与单位确认', 'confirmed by a participating unit'),
  unit_decline: T('参与单位拒绝', 'declined by a participating unit'),
  formal_pass: T('形式审查通过', 'passed the formal check'),
  formal_return: T('形式审查退回修改', 'returned by the formal check'),
  formal_reject: T('形式审查不予受理', 'rejected by the formal check'),
  rule_override: T('规则放行（说明理由）', 'rule overridden with a reason'),
  rule_confirm: T('规则核定符合', 'rule confirmed'),
  rule_refuse: T('规则核定不符合', 'rule refused'),
  rule_decision: T('规则放行（说明理由）', 'rule overridden with a reason'),
  verify: T('核实落地实施情况', 'implementation verified'),
  recheck: T('复核', 're-checked'),
  replace_year: T('替换年度安排', 'year replaced'),
  seed: T('载入', 'loaded'),
  seed_review: T('载入评审', 'review loaded'),
  set_leaders: T('设置链主', 'leaders set'),
  curate: T('专家库维护', 'expert pool updated'),
  accept: T('接受', 'accepted'),
  import: T('导入', 'imported'),
  control_add: T('添加控股关系', 'control link added'),
  control_remove: T('删除控股关系', 'control link removed'),
  decide: T('处理', 'decided'),
  add_affiliation: T('添加任职单位', 'affiliation added'),
  update_expert_profile: T('修改专家信息', 'expert profile updated'),
  assign: T('分配专家', 'expert assigned'),
  unassign: T('取消分配', 'expert unassigned'),
  close: T('结束评审', 'closed'),
  draw: T('随机抽取专家', 'experts drawn at random'),
  exclusion_add: T('添加回避', 'exclusion added'),
  exclusion_remove: T('删除回避', 'exclusion removed'),
  overlap_scan: T('重复申报检查', 'overlap scan'),
  panel_recorded: T('记录评审会', 'panel recorded'),
  release: T('发布评审任务', 'released'),
  scores_saved: T('保存评分', 'scores saved'),
  scores_submitted: T('提交评分', 'scores submitted'),
  settings: T('修改评审设置', 'settings changed'),
  solve: T('计算最优分配', 'optimal assignment computed'),
  conflict_declared: T('声明回避', 'conflict declared'),
  no_conflict_declared: T('声明无需回避', 'no conflict declared'),
  confirm: T('确认', 'confirmed'),
  reject: T('驳回', 'rejected'),
  pin: T('锁定', 'pinned'),
  unpin: T('取消锁定', 'pin removed'),
  field_budget: T('设置领域额度', 'field allotment set'),
  field_budget_removed: T('取消领域额度', 'field allotment removed'),
  password_change: T('修改密码', 'password changed'),
  password_reset: T('重置密码', 'password reset'),
  password_reset_request: T('申请重置密码', 'password reset requested'),
  register: T('注册', 'registered'),
  register_taken_email: T('以已注册邮箱注册', 'registration with a taken e-mail'),
  unlock: T('解除锁定', 'unlocked'),
  finalise: T('定稿', 'finalised'),
  reopen: T('重新打开', 'reopened'),
  'candidate.create': T('新增候选项目', 'candidate added'),
  'candidate.update': T('修改候选项目', 'candidate updated'),
  'candidate.delete': T('删除候选项目', 'candidate deleted'),
  'candidate.include': T('纳入方案', 'candidate included'),
  'candidate.exclude': T('移出方案', 'candidate excluded'),
  'comparison.create': T('记录论证比选', 'comparison recorded'),
  'experts.set': T('设置核心专家', 'core experts set'),
  'members.set': T('设置联合体成员', 'consortium members set'),
  'followup.create': T('新增跟踪记录', 'follow-up added'),
  'followup.update': T('修改跟踪记录', 'follow-up updated'),
  'followup.delete': T('删除跟踪记录', 'follow-up deleted'),
  'match.confirm': T('确认单位匹配', 'match confirmed'),
  'match.reject': T('驳回单位匹配', 'match rejected'),
};

const OTHER = T('其他操作', 'other operation');

export function entityLabel(type: string): Text {
  return ENTITY_LABELS[type] ?? T('其他记录', 'Other record');
}

/** "申报书 · 提交" / "Application · submitted". */
export function actionLabel(action: string): Text {
  const dot = action.indexOf('.');
  if (dot < 0) return action === 'deny' ? T('拒绝访问', 'access refused') : OTHER;
  const entity = entityLabel(action.slice(0, dot));
  const verb = VERB_LABELS[action.slice(dot + 1)] ?? OTHER;
  return { zh: `${entity.zh} · ${verb.zh}`, en: `${entity.en} · ${verb.en}` };
}

const SECURITY_KIND_LABELS: Record<string, Text> = {
  access_denied: T('访问他人记录被拒绝', 'Access to another’s record refused'),
  role_denied: T('角色无权访问', 'Role not allowed'),
  csrf_failed: T('请求校验失败（可能的跨站请求）', 'Request check failed (possible cross-site request)'),
};

export function securityKindLabel(kind: string): Text {
  return SECURITY_KIND_LABELS[kind] ?? T('其他安全事件', 'Other security event');
}

export const PROBLEM_LABELS: Record<string, Text> = {
  removed: T('事件被删除', 'event removed'),
  relinked: T('链接被改动', 'link changed'),
  altered: T('事件内容被篡改', 'event altered'),
  truncated: T('链尾事件被删除', 'events removed from the end'),
  rewritten: T('审计链被重写', 'chain rewritten'),
  anchor_forged: T('签名锚点无效', 'anchor signature invalid'),
};
