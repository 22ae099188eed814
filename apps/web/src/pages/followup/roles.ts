/** Who opens the follow-up pages from the menu (unit users reach their own projects' pages by link). */
export const FOLLOWUP_ROLES = ['officer', 'analyst', 'admin'] as const;
/** Who may open a project's follow-up page (the server answers 404 for a project that is not the unit's). */
export const FOLLOWUP_PAGE_ROLES = ['officer', 'analyst', 'admin', 'chain_leader', 'unit_admin', 'unit_member'] as const;
