import { NotificationOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';
import { NOTICE_ROLES } from './roles';

/** Side-menu entries of the notice pages. */
export const NOTICES_NAV: readonly NavItem[] = [
  { path: '/app/notices', label: 'notices.menu', hint: 'notices.menuHint', icon: <NotificationOutlined />, roles: NOTICE_ROLES },
  { path: '/app/approvals', label: 'approvals.menu', hint: 'approvals.menuHint', icon: <SafetyCertificateOutlined />, roles: NOTICE_ROLES },
];
