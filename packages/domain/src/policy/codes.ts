import type { Text } from '../i18n.js';

/** Every rule code of rules.md that the software decides. */
export const RULE_CODES = [
  '3.1.a',
  '3.1.b',
  '3.1.c',
  '3.1.d',
  '3.1.e',
  '3.1.f',
  '3.1.g',
  '3.1.h',
  '3.2.a',
  '3.2.b',
  '3.2.c',
  '3.2.d',
  '3.2.e',
  '3.2.f',
  '3.2.g',
  '3.2.h',
  '3.2.i',
  '3.3.a',
  '3.3.b',
  '3.3.c',
  '3.3.d',
  '3.3.e',
  '3.4.a',
  '3.4.b',
  '4.1.a',
  '4.1.b',
  '4.1.c',
  '4.1.e',
  '4.3.a',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export function isRuleCode(value: unknown): value is RuleCode {
  return typeof value === 'string' && (RULE_CODES as readonly string[]).includes(value);
}

/** The four ways a city project is formed (section 三). */
export const TRACKS = ['consortium', 'backfill', 'continuation', 'recognition'] as const;
export type Track = (typeof TRACKS)[number];

export const TRACK_LABELS: Record<Track, Text & { rule: string }> = {
  consortium: { rule: '3.1', zh: '产业链创新联合体协同技术攻关', en: 'Chain consortium projects' },
  backfill: { rule: '3.2', zh: '国家重点研发计划"递补支持"', en: 'Backfill for national projects' },
  continuation: { rule: '3.3', zh: '国家重点研发计划产业化落地"接续支持"', en: 'Continuation for industrialisation' },
  recognition: { rule: '3.4', zh: '社会资本投入研发项目"认定立项"', en: 'Recognition of social-capital projects' },
};

/** 3.1.e: the two kinds of chain project. */
export const PROJECT_KINDS = ['key_common', 'disruptive'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_LABELS: Record<ProjectKind, Text> = {
  key_common: { zh: '关键共性技术攻关', en: 'Key common technology' },
  disruptive: { zh: '颠覆性创新技术攻关', en: 'Disruptive innovation' },
};

/** 4.1.e: how a chain leader organises a project. */
export const ORG_MODES = ['open_challenge', 'project_manager', 'owner', 'standard'] as const;
export type OrgMode = (typeof ORG_MODES)[number];
export const ORG_MODE_LABELS: Record<OrgMode, Text> = {
  open_challenge: { zh: '揭榜挂帅', en: 'Open challenge' },
  project_manager: { zh: '经理人制度', en: 'Project-manager system' },
  owner: { zh: '业主制', en: 'Owner system' },
  standard: { zh: '常规组织', en: 'Standard' },
};

/** 3.1.f: a consortium member's place on the chain. */
export const MEMBER_POSITIONS = ['leader', 'upstream', 'downstream', 'university', 'institute', 'hospital'] as const;
export type MemberPosition = (typeof MEMBER_POSITIONS)[number];
export const MEMBER_POSITION_LABELS: Record<MemberPosition, Text> = {
  leader: { zh: '链主企业', en: 'Chain leader' },
  upstream: { zh: '上游企业', en: 'Upstream enterprise' },
  downstream: { zh: '下游企业', en: 'Downstream enterprise' },
  university: { zh: '高校', en: 'University' },
  institute: { zh: '科研院所', en: 'Research institute' },
  hospital: { zh: '医疗机构', en: 'Medical institution' },
};

/** The last stage a national application reached (4.2.a). */
export const NATIONAL_STAGES = ['formal_check', 'first_round', 'final_defence'] as const;
export type NationalStage = (typeof NATIONAL_STAGES)[number];
export const NATIONAL_OUTCOMES = ['pending', 'approved', 'not_approved'] as const;
export type NationalOutcome = (typeof NATIONAL_OUTCOMES)[number];
export const ACCEPTANCE_RESULTS = ['passed', 'failed'] as const;
export type AcceptanceResult = (typeof ACCEPTANCE_RESULTS)[number];
