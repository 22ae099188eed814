import type { NavItem } from '../../layout/menu';

/** Side-menu entries of the plans pages. */
export const PLANS_NAV: readonly NavItem[] = [];
