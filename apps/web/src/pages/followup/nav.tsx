import { FundProjectionScreenOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';
import { FOLLOWUP_ROLES } from './roles';

/** Side-menu entries of the followup pages. */
export const FOLLOWUP_NAV: readonly NavItem[] = [
  {
    path: '/app/followup',
    label: 'followup.menu',
    hint: 'followup.menuHint',
    icon: <FundProjectionScreenOutlined />,
    roles: FOLLOWUP_ROLES,
  },
];
