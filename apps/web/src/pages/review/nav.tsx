import { AuditOutlined, SolutionOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';
import { REVIEW_ROLES } from './roles';

/** Side-menu entries of the review pages. */
export const REVIEW_NAV: readonly NavItem[] = [
  { path: '/app/reviews', label: 'review.menu', hint: 'review.menuHint', icon: <AuditOutlined />, roles: REVIEW_ROLES },
  {
    path: '/app/reviews/experts',
    label: 'review.menuExperts',
    hint: 'review.menuExpertsHint',
    icon: <SolutionOutlined />,
    roles: REVIEW_ROLES,
  },
];
