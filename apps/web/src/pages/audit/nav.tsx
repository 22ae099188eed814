import { AuditOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';
import { AUDIT_ROLES } from './roles';

/** Side-menu entry of the audit page. */
export const AUDIT_NAV: readonly NavItem[] = [
  { path: '/app/audit', label: 'audit.menu', hint: 'audit.menuHint', icon: <AuditOutlined />, roles: AUDIT_ROLES },
];
