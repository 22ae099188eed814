/** Who opens the reviewing pages. */
export const REVIEWING_ROLES = ['expert'] as const;
