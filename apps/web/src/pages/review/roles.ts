/** Who opens the review pages. */
export const REVIEW_ROLES = ['officer', 'admin'] as const;
