import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  IdcardOutlined,
  KeyOutlined,
  NodeIndexOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { Role } from '@rdplan/domain';
import type { NavItem } from './nav-item';
import { APPLICATIONS_NAV } from '../pages/applications/nav';
import { PLANS_NAV } from '../pages/plans/nav';
import { WORKPLANS_NAV } from '../pages/workplans/nav';
import { MATCHING_NAV } from '../pages/matching/nav';
import { FOLLOWUP_NAV } from '../pages/followup/nav';
import { REVIEW_NAV } from '../pages/review/nav';
import { REVIEWING_NAV } from '../pages/reviewing/nav';
import { SELECTION_NAV } from '../pages/selection/nav';
import { MAP_NAV } from '../pages/map/nav';
import { AUDIT_NAV } from '../pages/audit/nav';
import { NOTICES_NAV } from '../pages/notices/nav';

/** Every page of the signed-in area; the side menu shows those the user's roles may open. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/app', label: 'menu.dashboard', icon: <DashboardOutlined /> },
  { path: '/app/users', label: 'menu.users', hint: 'short.users', icon: <UserOutlined />, roles: ['admin'] },
  {
    path: '/app/registrations',
    label: 'menu.registrations',
    hint: 'short.registrations',
    icon: <AuditOutlined />,
    roles: ['admin', 'officer'],
  },
  {
    path: '/app/organisations',
    label: 'menu.organisations',
    hint: 'short.organisations',
    icon: <BankOutlined />,
    roles: ['admin', 'officer', 'analyst'],
  },
  { path: '/app/people', label: 'menu.people', hint: 'short.people', icon: <TeamOutlined />, roles: ['admin', 'officer', 'analyst'] },
  { path: '/app/chains', label: 'menu.chains', hint: 'short.chains', icon: <NodeIndexOutlined />, roles: ['admin'] },
  { path: '/app/fields', label: 'menu.fields', hint: 'short.fields', icon: <ApartmentOutlined />, roles: ['admin'] },
  { path: '/app/calendar', label: 'menu.calendar', hint: 'short.calendar', icon: <CalendarOutlined />, roles: ['admin'] },
  {
    path: '/app/org',
    label: 'menu.orgProfile',
    hint: 'short.orgProfile',
    icon: <BankOutlined />,
    roles: ['chain_leader', 'unit_admin', 'unit_member'],
  },
  { path: '/app/members', label: 'menu.members', hint: 'short.members', icon: <UsergroupAddOutlined />, roles: ['unit_admin'] },
  { path: '/app/my-chain', label: 'menu.myChain', hint: 'short.myChain', icon: <ClusterOutlined />, roles: ['chain_leader'] },
  { path: '/app/expert', label: 'menu.expertProfile', hint: 'short.expertProfile', icon: <IdcardOutlined />, roles: ['expert'] },
  ...PLANS_NAV,
  ...WORKPLANS_NAV,
  ...APPLICATIONS_NAV,
  ...MAP_NAV,
  ...FOLLOWUP_NAV,
  ...MATCHING_NAV,
  ...REVIEW_NAV,
  ...REVIEWING_NAV,
  ...SELECTION_NAV,
  ...AUDIT_NAV,
  ...NOTICES_NAV,
  { path: '/app/password', label: 'menu.password', icon: <KeyOutlined /> },
];

export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.roles || i.roles.some((r) => roles.includes(r)));
}

export function navItem(path: string): NavItem {
  const item = NAV_ITEMS.find((i) => i.path === path);
  if (!item) throw new Error(`no nav item ${path}`);
  return item;
}

/** Shortcuts on each role's home page, in the order the brief lists them. */
export const ROLE_SHORTCUTS: Record<Role, string[]> = {
  admin: ['/app/users', '/app/chains', '/app/fields', '/app/calendar', '/app/audit'],
  officer: ['/app/plans', '/app/applications', '/app/workplans', '/app/national', '/app/registrations', '/app/organisations'],
  chain_leader: ['/app/workplans', '/app/applications', '/app/org', '/app/my-chain'],
  unit_admin: ['/app/applications', '/app/org', '/app/members'],
  unit_member: ['/app/applications', '/app/org'],
  expert: ['/app/expert'],
  analyst: ['/app/national', '/app/organisations', '/app/people'],
};
