import type { NavItem } from '../../layout/menu';

/** Side-menu entries of the followup pages. */
export const FOLLOWUP_NAV: readonly NavItem[] = [];
