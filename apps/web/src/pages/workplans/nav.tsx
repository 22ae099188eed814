import type { NavItem } from '../../layout/menu';

/** Side-menu entries of the workplans pages. */
export const WORKPLANS_NAV: readonly NavItem[] = [];
