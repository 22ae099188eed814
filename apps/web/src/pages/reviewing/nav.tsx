import { FormOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';
import { REVIEWING_ROLES } from './roles';

/** Side-menu entries of the reviewing pages. */
export const REVIEWING_NAV: readonly NavItem[] = [
  { path: '/app/reviewing', label: 'reviewing.menu', hint: 'reviewing.menuHint', icon: <FormOutlined />, roles: REVIEWING_ROLES },
];
