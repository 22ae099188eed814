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

export interface Organisation {
  id: string;
  uscc: string;
  name: string;
  type: OrgType;
  regionCode: string;
  regionLabel?: string;
  isGuangzhou?: boolean;
  address: string | null;
  aboveDesignatedSize: boolean;
  aboveDesignatedSizeYear: number | null;
  hnteCertNo: string | null;
  hnteValidFrom: string | null;
  hnteValidTo: string | null;
  hnteValidToday?: boolean;
  techSme: boolean;
  techSmeYear: number | null;
  formerNames?: { name: string; until: string }[];
  parent?: OrgRef | null;
  subsidiaries?: OrgRef[];
}

export interface Chain {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  leaders: { orgId: string; name: string }[];
}

export interface FieldNode {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  active?: boolean;
  children?: FieldNode[];
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  nameZh: string;
  nameEn: string;
}

export interface CalendarYear {
  year: number;
  covered: boolean;
  source: string;
  days: CalendarDay[];
}

export interface Person {
  id: string;
  name: string;
  email?: string | null;
  title?: string | null;
  titleLevel?: string | null;
  orgName?: string | null;
  isExpert?: boolean;
  expert?: boolean;
  fields?: string[];
  [key: string]: unknown;
}
