import { AuditOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/menu';
import { REVIEW_ROLES } from './roles';

/** Side-menu entries of the review pages. */
export const REVIEW_NAV: readonly NavItem[] = [
  { path: '/app/reviews', label: 'review.menu', hint: 'review.menuHint', icon: <AuditOutlined />, roles: REVIEW_ROLES },
];
