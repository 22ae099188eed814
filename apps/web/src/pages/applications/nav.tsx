import type { NavItem } from '../../layout/menu';

/** Side-menu entries of the applications pages. */
export const APPLICATIONS_NAV: readonly NavItem[] = [];
