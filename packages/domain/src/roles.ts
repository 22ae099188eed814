import type { Text } from './i18n.js';

/** Account roles. The public has no account and no role. */
export const ROLES = ['admin', 'officer', 'chain_leader', 'unit_admin', 'unit_member', 'expert', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Bureau staff see every organisation's registry record. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'officer', 'analyst'];
/** Roles that belong to one organisation and act for it. */
export const ORG_ROLES: readonly Role[] = ['chain_leader', 'unit_admin', 'unit_member'];

export const ROLE_LABELS: Record<Role, Text> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  officer: { zh: '科技局业务人员', en: 'Bureau officer' },
  chain_leader: { zh: '链主企业', en: 'Chain leader' },
  unit_admin: { zh: '申报单位管理员', en: 'Applicant unit admin' },
  unit_member: { zh: '申报单位成员', en: 'Applicant unit member' },
  expert: { zh: '评审专家', en: 'Expert' },
  analyst: { zh: '数据分析人员', en: 'Analyst' },
};

export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r));
}
