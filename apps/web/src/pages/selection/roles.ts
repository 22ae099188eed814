/** Who opens the selection pages. */
export const SELECTION_ROLES = ['officer', 'admin'] as const;
