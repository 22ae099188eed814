import type { OrgType, Role } from '@rdplan/domain';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  orgId: string | null;
  orgName: string | null;
  personId: string | null;
}

export interface SessionResponse {
  user: SessionUser | null;
  csrfToken: string;
}

export interface Paged<T> {
  total: number;
  items: T[];
}

export type UserStatus = 'pending' | 'active' | 'disabled';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  status: UserStatus;
  orgId: string | null;
  orgName?: string | null;
  personId: string | null;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt?: string;
}

export interface RegistrationRow extends UserRow {
  uscc: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: string;
  expiresAt: string;
}

export interface MembersResponse {
  members: UserRow[];
  invitations: Invitation[];
}

export interface OrgRef {
  id: string;
  name: string;
  uscc?: string;
}

/** GET /api/organisations/:id and the list items (the list omits parents, subsidiaries and createdAt). */
export interface OrgSummary {
  id: string;
  uscc: string;
  name: string;
  type: OrgType;
  regionCode: string;
}

export interface OrgSummaryWithShare extends OrgSummary {
  sharePct: number | null;
}

export interface Hnte {
  certNo: string;
  validFrom: string | null;
  validTo: string | null;
  validToday: boolean;
}

export interface Organisation {
  id: string;
  uscc: string;
  name: string;
  type: OrgType;
  typeLabel: string;
  regionCode: string;
  regionLabel: string;
  isGuangzhou: boolean;
  address: string | null;
  aboveDesignatedSize: boolean;
  aboveDesignatedSizeYear: number | null;
  techSme: boolean;
  techSmeYear: number | null;
  hnte: Hnte | null;
  hnteValidToday: boolean;
  formerNames: { name: string; until: string }[];
  updatedAt: string;
  parents?: OrgSummaryWithShare[];
  subsidiaries?: OrgSummaryWithShare[];
  createdAt?: string;
}

/** GET /api/organisations/:id/group */
export interface OrganisationGroup {
  organisation: OrgSummary;
  parents: OrgSummaryWithShare[];
  ancestors: (OrgSummary & { depth: number })[];
  children: OrgSummaryWithShare[];
  descendants: (OrgSummary & { depth: number })[];
}

export interface Chain {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  leaders: { orgId: string; name: string }[];
}

export interface Field {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
  active: boolean;
}

/** GET /api/fields: top-level fields with their directions. */
export interface FieldNode extends Field {
  directions: Field[];
}

export type CalendarKind = 'holiday' | 'workday';

/** A day as sent in PUT /api/calendar/:year. */
export interface CalendarDay {
  date: string;
  kind: CalendarKind;
  nameZh?: string;
  nameEn?: string;
}

export interface CalendarDayOut {
  date: string;
  nameZh: string | null;
  nameEn: string | null;
}

export type CalendarSource = 'builtin' | 'admin';

export interface CalendarYear {
  year: number;
  covered: boolean;
  source: CalendarSource | null;
  updatedAt: string | null;
  holidays: CalendarDayOut[];
  workdays: CalendarDayOut[];
}

export type TitleLevel = 'senior' | 'associate_senior' | 'intermediate' | 'junior' | 'none';

export interface PersonSummary {
  id: string;
  key: string;
  name: string;
  email: string | null;
  titleLevel: TitleLevel;
  titleName: string | null;
  fieldCodes: string[];
  keywords: string[];
  isExpert: boolean;
  currentOrg: { id: string; name: string; position: string } | null;
}

export interface Person extends PersonSummary {
  fields: { code: string; nameZh: string; nameEn: string; parentCode: string | null }[];
  affiliations: { id: string; orgId: string; orgName: string; position: string; from: string; to: string | null }[];
  createdAt: string;
  updatedAt: string;
}
