import { LinkOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';

/** Side-menu entries of the matching pages. */
export const MATCHING_NAV: readonly NavItem[] = [
  {
    path: '/app/matching',
    label: 'matching.menu',
    hint: 'matching.menuHint',
    icon: <LinkOutlined />,
    roles: ['analyst', 'officer', 'admin'],
  },
];
