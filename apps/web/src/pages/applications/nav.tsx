import { FileTextOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';

/** Side-menu entries of the applications pages. */
export const APPLICATIONS_NAV: readonly NavItem[] = [
  {
    path: '/app/applications',
    label: 'applications.menu',
    hint: 'applications.menuHint',
    icon: <FileTextOutlined />,
    roles: ['unit_admin', 'unit_member', 'chain_leader', 'officer'],
  },
];
