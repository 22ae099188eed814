import { DeploymentUnitOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';

/** Side-menu entries of the map pages. */
export const MAP_NAV: readonly NavItem[] = [
  {
    path: '/app/map',
    label: 'map.menu',
    hint: 'map.menuHint',
    icon: <DeploymentUnitOutlined />,
    roles: ['analyst', 'officer', 'admin'],
  },
];
