import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Row types of every table, as Kysely sees them. Dates of policy meaning are 'YYYY-MM-DD' strings. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  id: Generated<string>;
  uscc: string;
  name: string;
  type: string;
  region_code: string;
  address: string | null;
  above_designated_size: Generated<boolean>;
  above_designated_size_year: number | null;
  hnte_cert_no: string | null;
  hnte_valid_from: string | null;
  hnte_valid_to: string | null;
  tech_sme: Generated<boolean>;
  tech_sme_year: number | null;
  former_names: Json<{ name: string; until: string }[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ControlEdgesTable {
  parent_id: string;
  child_id: string;
  share_pct: string | null;
  created_at: CreatedAt;
}

export interface ChainsTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ChainLeadersTable {
  chain_id: string;
  org_id: string;
}

export interface FieldsTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  parent_id: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CalendarYearsTable {
  year: number;
  source: 'builtin' | 'admin';
  updated_at: Timestamp;
}

export interface CalendarDaysTable {
  date: string;
  kind: 'holiday' | 'workday';
  name_zh: string | null;
  name_en: string | null;
}

export interface PeopleTable {
  id: Generated<string>;
  key: string;
  name: string;
  email: string | null;
  title_level: string;
  title_name: string | null;
  field_codes: string[];
  keywords: string[];
  is_expert: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AffiliationsTable {
  id: Generated<string>;
  person_id: string;
  org_id: string;
  position: Generated<string>;
  from_date: string;
  to_date: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  roles: string[];
  org_id: string | null;
  person_id: string | null;
  status: Generated<'pending' | 'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitationsTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  name: string;
  role: 'unit_admin' | 'unit_member';
  token_hash: string;
  invited_by: string;
  created_at: CreatedAt;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditEventsTable {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface SecurityEventsTable {
  id: Generated<number>;
  at: CreatedAt;
  kind: string;
  user_id: string | null;
  method: string | null;
  url: string | null;
  ip: string | null;
  details: Json<unknown> | null;
}

export interface ImportBatchesTable {
  id: Generated<string>;
  kind: string;
  filename: string;
  sha256: string;
  imported_by: string | null;
  at: CreatedAt;
  total_rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: Json<unknown[]>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body: string;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export interface DB {
  organisations: OrganisationsTable;
  control_edges: ControlEdgesTable;
  chains: ChainsTable;
  chain_leaders: ChainLeadersTable;
  fields: FieldsTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  people: PeopleTable;
  affiliations: AffiliationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  audit_events: AuditEventsTable;
  security_events: SecurityEventsTable;
  import_batches: ImportBatchesTable;
  mail_outbox: MailOutboxTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type Person = Selectable<PeopleTable>;
