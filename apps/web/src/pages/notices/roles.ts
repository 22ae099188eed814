/** Who opens the notice pages of the signed-in area (officers publish and decide; administrators read). */
export const NOTICE_ROLES = ['officer', 'admin'] as const;
