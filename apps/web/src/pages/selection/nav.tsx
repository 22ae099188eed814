import { FundOutlined } from '@ant-design/icons';
import type { NavItem } from '../../layout/nav-item';
import { SELECTION_ROLES } from './roles';

/** Side-menu entries of the selection pages. */
export const SELECTION_NAV: readonly NavItem[] = [
  { path: '/app/selection', label: 'selection.menu', hint: 'selection.menuHint', icon: <FundOutlined />, roles: SELECTION_ROLES },
];
