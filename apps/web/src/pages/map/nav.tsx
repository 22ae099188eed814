import type { NavItem } from '../../layout/menu';

/** Side-menu entries of the map pages. */
export const MAP_NAV: readonly NavItem[] = [];
