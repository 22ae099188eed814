/** Who opens the audit pages: administrators only (the server authorises every route too). */
export const AUDIT_ROLES = ['admin'] as const;
