import { ProfileOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';

/** Side-menu entries of the workplans pages. */
export const WORKPLANS_NAV: readonly NavItem[] = [
  {
    path: '/app/workplans',
    label: 'workplans.menu',
    hint: 'workplans.menuHint',
    icon: <ProfileOutlined />,
    roles: ['chain_leader', 'officer', 'admin', 'analyst'],
  },
];
