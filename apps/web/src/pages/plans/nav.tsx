import { CalendarOutlined, GlobalOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';

/** Side-menu entries of the plans pages. */
export const PLANS_NAV: readonly NavItem[] = [
  {
    path: '/app/plans',
    label: 'plans.menu',
    hint: 'plans.menuHint',
    icon: <CalendarOutlined />,
    roles: ['officer', 'admin'],
  },
  {
    path: '/app/national',
    label: 'plans.national.menu',
    hint: 'plans.national.menuHint',
    icon: <GlobalOutlined />,
    roles: ['officer', 'analyst', 'admin'],
  },
];
