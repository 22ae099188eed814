import type { NavItem } from '../../layout/menu';

/** Side-menu entries of the matching pages. */
export const MATCHING_NAV: readonly NavItem[] = [];
