import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Row types of every table, as Kysely sees them. Dates of policy meaning are 'YYYY-MM-DD' strings. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
/** A JSON column the database fills with its default when an insert leaves it out. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

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
  /** 14th Five-Year fields (F07, F07.01 …) the chain belongs to. */
  field_codes: Generated<string[]>;
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

export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

/** Failed sign-ins of addresses without an account, counted like an account's (no enumeration). */
export interface LoginThrottleTable {
  email_hash: string;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  updated_at: Generated<Date>;
}

export interface AuditEventsTable {
  /** Insertion order; the chain's order is seq, given when the event is sealed (audit/sealer.ts). */
  id: Generated<number>;
  /** Null until sealed, like prev_hash and hash. */
  seq: number | null;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  reason: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The audit chain's signed head (one row, id 1). */
export interface AuditAnchorTable {
  id: number;
  seq: number;
  head: string;
  at: string;
  mac: string;
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
  source: string | null;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body: string;
  created_at: CreatedAt;
  sent_at: Date | null;
  /** Delivery (jobs/mail.ts): tries so far, the last refusal, when to try next, the sender's lease. */
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Generated<Date>;
  claimed_until: Date | null;
  /** Set when the tries are used up: the mail is not sent and stays visible with its last error. */
  failed_at: Date | null;
}

/** A reminder sent once per (kind, application, call) (jobs/reminders.ts). */
export interface RemindersSentTable {
  kind: string;
  application_id: string;
  call_id: string;
  sent_at: Generated<Date>;
  recipients: number;
}

export interface PlansTable {
  id: Generated<string>;
  year: number;
  title: string;
  status: Generated<'draft' | 'published'>;
  params: Json<unknown>;
  budget_total: Generated<number>;
  budget_consortium: Generated<number>;
  budget_backfill: Generated<number>;
  budget_continuation: Generated<number>;
  published_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PlanChainsTable {
  plan_id: string;
  chain_id: string;
  direction: Generated<string>;
  budget: Generated<number>;
}

export type TrackColumn = 'consortium' | 'backfill' | 'continuation' | 'recognition';

export interface CallsTable {
  id: Generated<string>;
  plan_id: string;
  track: TrackColumn;
  title_zh: string;
  title_en: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: Generated<'draft' | 'published' | 'cancelled'>;
  conditions: Json<unknown[]>;
  materials: Json<unknown[]>;
  criteria: Json<unknown[]>;
  checklist: Json<unknown[]>;
  published_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface NationalApplicationsTable {
  id: Generated<string>;
  national_id: string;
  year: number;
  programme: string;
  direction: string;
  field_code: string | null;
  title: string;
  lead_uscc: string | null;
  lead_name: string;
  lead_org_id: string | null;
  leader_name: string | null;
  participants: JsonDefault<unknown[]>;
  stage: 'formal_check' | 'first_round' | 'final_defence';
  outcome: 'pending' | 'approved' | 'not_approved';
  batch_id: string | null;
  updated_at: Timestamp;
}

export interface NationalProjectsTable {
  id: Generated<string>;
  national_id: string;
  application_national_id: string | null;
  title: string;
  programme: string;
  direction: Generated<string>;
  field_code: string | null;
  start_date: string | null;
  end_date: string | null;
  budget: JsonDefault<unknown>;
  lead_uscc: string | null;
  lead_name: string;
  lead_type: 'enterprise' | 'university' | 'research_institute' | 'medical_institution' | 'other' | null;
  lead_region_code: string | null;
  lead_org_id: string | null;
  participants: JsonDefault<unknown[]>;
  people: JsonDefault<unknown[]>;
  acceptance_date: string | null;
  acceptance_result: 'passed' | 'failed' | null;
  batch_id: string | null;
  updated_at: Timestamp;
}

export interface WorkplansTable {
  id: Generated<string>;
  plan_id: string;
  chain_id: string;
  leader_org_id: string;
  status: Generated<'draft' | 'finalised'>;
  summary: Generated<string>;
  weak_points: Json<unknown[]>;
  finalised_at: Date | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConsortiumMembersTable {
  workplan_id: string;
  org_id: string;
  position: 'leader' | 'upstream' | 'downstream' | 'university' | 'institute' | 'hospital';
  note: Generated<string>;
  added_at: CreatedAt;
}

export interface WorkplanExpertsTable {
  workplan_id: string;
  person_id: string;
  role: Generated<string>;
}

export interface WorkplanComparisonsTable {
  id: Generated<string>;
  workplan_id: string;
  topic: string;
  held_on: string;
  method: string;
  participants: Generated<string>;
  conclusion: string;
  candidates: Json<unknown[]>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  mime: ColumnType<string, string | undefined, string>;
  /** The bytes, in the PostgreSQL blob store; null when they live elsewhere (S3, an old data folder). */
  content: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  created_at: CreatedAt;
}

export type ApplicationStatusColumn =
  'draft' | 'submitted' | 'returned' | 'formal_passed' | 'rejected' | 'withdrawn' | 'rechecked' | 'verified' | 'selected' | 'not_selected';

export interface ApplicationsTable {
  id: Generated<string>;
  call_id: string;
  track: TrackColumn;
  org_id: string;
  workplan_id: string | null;
  in_plan: Generated<boolean>;
  status: Generated<ApplicationStatusColumn>;
  client_key: string | null;
  kind: 'key_common' | 'disruptive' | null;
  org_mode: 'open_challenge' | 'project_manager' | 'owner' | 'standard' | null;
  city_funds: number | null;
  self_funds: number | null;
  national_application_id: string | null;
  national_project_id: string | null;
  form: Json<unknown>;
  version: Generated<number>;
  round: Generated<number>;
  submitted_at: Date | null;
  submitted_version: number | null;
  verification: Json<unknown> | null;
  amount: number | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ApplicationUnitsTable {
  application_id: string;
  org_id: string;
  role: Generated<string>;
  position: Generated<number>;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  declined_at: Date | null;
  decline_reason: string | null;
}

export interface ApplicationAttachmentsTable {
  id: Generated<string>;
  application_id: string;
  material_key: string;
  blob_sha256: string;
  filename: string;
  size: number;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
  /** Active content found in the PDF (JavaScript, OpenAction, AA, Launch …): flagged to officers. */
  active_content: ColumnType<string[], string[] | undefined, string[]>;
}

export interface RuleDecisionsTable {
  id: Generated<string>;
  subject_type: 'application' | 'workplan';
  subject_id: string;
  rule_code: string;
  kind: 'override' | 'confirm' | 'refuse';
  reason: string;
  decided_by: string | null;
  decided_by_label: string;
  decided_at: CreatedAt;
}

export interface FormalChecksTable {
  id: Generated<string>;
  application_id: string;
  round: number;
  decision: 'pass' | 'return' | 'reject' | 'recheck' | 'verify';
  checklist: Json<unknown[]>;
  comment: Generated<string>;
  officer_id: string | null;
  officer_label: string;
  at: CreatedAt;
}

export type OrgTypeColumn = 'enterprise' | 'university' | 'research_institute' | 'medical_institution' | 'other';

export interface NationalUnitsTable {
  id: Generated<number>;
  record_kind: 'application' | 'project';
  national_id: string;
  position: number;
  role: 'lead' | 'participant';
  uscc: string | null;
  name: string;
  name_norm: string;
  org_type: OrgTypeColumn | null;
  region_code: string | null;
  org_id: string | null;
  match_method: 'uscc' | 'name' | 'former_name' | 'manual' | null;
  match_confidence: number | null;
  match_status: Generated<'matched' | 'review' | 'unmatched' | 'rejected'>;
  match_candidates: JsonDefault<unknown[]>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  batch_id: string | null;
}

export interface NationalPeopleTable {
  id: Generated<number>;
  record_kind: 'application' | 'project';
  national_id: string;
  position: number;
  name: string;
  role: Generated<string>;
  unit_name: Generated<string>;
  org_id: string | null;
  field_code: string | null;
  person_key: string | null;
  batch_id: string | null;
}

export interface ImportJobsTable {
  id: Generated<string>;
  kind: string;
  filename: string;
  source: string | null;
  sha256: string;
  blob_sha256: string | null;
  dry_run: Generated<boolean>;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  total_rows: Generated<number>;
  rows_done: Generated<number>;
  errors_count: Generated<number>;
  errors: JsonDefault<unknown[]>;
  result: Json<unknown> | null;
  failure: string | null;
  batch_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Timestamp;
}

export interface NationalFollowupsTable {
  id: Generated<string>;
  project_national_id: string;
  kind: 'status' | 'milestone' | 'output' | 'meeting' | 'service';
  title: string;
  detail: Generated<string>;
  occurred_on: string;
  output_type: 'patent' | 'standard' | 'product' | 'paper' | 'software' | 'other' | null;
  org_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The map's stored facts (migration 2026-11-24-04-map), rebuilt by refreshMapFacts. */
export interface NationalMapUnitsTable {
  unit_id: Generated<number>;
  unit_key: string;
  org_id: string | null;
  name: string;
  uscc: string | null;
  org_type: string | null;
  region: string | null;
}

export interface NationalMapRecordsTable {
  rec_id: Generated<number>;
  record_kind: 'application' | 'project';
  national_id: string;
  year: number | null;
  field_code: string | null;
  stage: string | null;
  outcome: string;
  budget: Generated<number>;
  regions: Generated<string[]>;
}

export interface NationalUnitFactsTable {
  rec_id: number;
  position: number;
  unit_id: number;
  record_kind: 'application' | 'project';
  role: 'lead' | 'participant';
  region: string | null;
  year: number | null;
  field_code: string | null;
  stage: string | null;
  outcome: string;
  budget: Generated<number>;
  bucket: string | null;
  outside: boolean;
  points: number;
}

export interface NationalMapPairsTable {
  rec_id: number;
  a: number;
  b: number;
  record_kind: 'application' | 'project';
  year: number | null;
  field_code: string | null;
  gw: Generated<number>;
}

/** Roll-ups of the map's stored facts (migration 2026-11-24-06-map-rollup), rebuilt by refreshMapFacts. */
export interface NationalMapRecordRegionsTable {
  lvl: number;
  rkey: string;
  rec_id: number;
}

export interface NationalMapRecordRollupTable {
  lvl: number;
  rkey: string;
  record_kind: 'application' | 'project';
  year: number | null;
  field_code: string | null;
  records: number;
  approved: number;
  budget: number;
  solo_pairs: number;
}

export interface NationalMapUnitRollupTable {
  unit_id: number;
  record_kind: 'application' | 'project';
  year: number | null;
  region: string | null;
  leads: number;
  participations: number;
  records: number;
  approved: number;
  budget: number;
}

export interface NationalMapPairTwiceTable {
  a: number;
  b: number;
  rec1: number;
  kind1: 'application' | 'project';
  year1: number | null;
  field1: string | null;
  rec2: number;
  kind2: 'application' | 'project';
  year2: number | null;
  field2: string | null;
  keys1: string[];
  keys2: string[];
}

export interface NationalMapPairMultiTable {
  a: number;
  b: number;
  rec_id: number;
  record_kind: 'application' | 'project';
  year: number | null;
  field_code: string | null;
  keys: string[];
}

export interface ExpertProfilesTable {
  person_id: string;
  load_cap: Generated<number>;
  available: Generated<boolean>;
  unavailable_until: string | null;
  note: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type ReviewStatusColumn = 'setup' | 'scoring' | 'closed';

export interface ReviewsTable {
  id: Generated<string>;
  call_id: string;
  status: ColumnType<ReviewStatusColumn, ReviewStatusColumn | undefined, ReviewStatusColumn>;
  /** ReviewSettings (domain schemas/review.ts); parse with ReviewSettings on read. */
  settings: JsonDefault<unknown>;
  /** The last solver run (AssignmentRunOut). */
  last_run: Json<unknown> | null;
  released_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReviewExclusionsTable {
  id: Generated<string>;
  application_id: string;
  person_name: string;
  unit_name: Generated<string>;
  person_id: string | null;
  reason: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ReviewDeclarationsTable {
  id: Generated<string>;
  review_id: string;
  application_id: string;
  person_id: string;
  kind: 'no_conflict' | 'conflict';
  reason: Generated<string>;
  declared_by: string | null;
  declared_at: CreatedAt;
}

export interface ReviewAssignmentsTable {
  id: Generated<string>;
  review_id: string;
  application_id: string;
  person_id: string;
  affinity: Generated<number>;
  source: 'solver' | 'manual' | 'random';
  status: ColumnType<'assigned' | 'declined' | 'submitted', 'assigned' | 'declined' | 'submitted' | undefined>;
  /** CriterionScore[] (domain schemas/review.ts). */
  scores: JsonDefault<unknown>;
  comment: Generated<string>;
  /** Weighted total on 0–100 (numeric, returned as a string by the drivers). */
  total: string | null;
  version: Generated<number>;
  submitted_at: Timestamp | null;
  assigned_by: string | null;
  assigned_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReviewPanelsTable {
  review_id: string;
  application_id: string;
  opinion: string;
  recommendation: 'fund' | 'fund_if_budget' | 'do_not_fund';
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface OverlapFlagsTable {
  id: Generated<string>;
  application_id: string;
  other_kind: 'application' | 'national';
  other_id: string;
  similarity: number;
  containment: number;
  passages: JsonDefault<unknown>;
  status: ColumnType<'open' | 'dismissed' | 'confirmed', 'open' | 'dismissed' | 'confirmed' | undefined>;
  note: Generated<string>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  found_at: Timestamp;
}

export interface SelectionPinsTable {
  plan_id: string;
  application_id: string;
  pin: 'in' | 'out';
  reason: string;
  pinned_by: string | null;
  pinned_at: Timestamp;
}

export interface SelectionsTable {
  id: Generated<string>;
  plan_id: string;
  objective: 'rank' | 'merit_amount' | 'count';
  funded: string[];
  result: Json<unknown>;
  reason: Generated<string>;
  confirmed_by: string | null;
  confirmed_at: CreatedAt;
}

export interface SelectionFieldBudgetsTable {
  plan_id: string;
  field_code: string;
  /** Yuan. */
  budget: number | null;
  max_projects: number | null;
  reason: string;
  set_by: string | null;
  set_at: Timestamp;
}

/** Rate-limit counters shared by the app instances: hits of one key in one fixed window. */
export interface RateLimitsTable {
  key: string;
  window_start: Date;
  expires_at: Date;
  hits: number;
}

/** A published version of a public notice (4.3.b); never updated: a correction is a new version. */
export interface NoticesTable {
  id: Generated<string>;
  series_id: string;
  version: number;
  plan_id: string;
  source: 'selection' | 'continuation' | 'recognition';
  title: string;
  how_to_object: string;
  working_days: number;
  first_day_counts: boolean;
  /** 'YYYY-MM-DD' (Beijing time). */
  starts_on: string;
  ends_on: string;
  /** The end of ends_on, Beijing time. */
  ends_at: Date;
  correction_reason: string | null;
  published_by: string | null;
  published_by_label: string;
  published_at: Date;
}

export interface NoticeItemsTable {
  notice_id: string;
  application_id: string;
  position: number;
  org_name: string;
  title: string;
  track: TrackColumn;
  field_or_chain: string;
  /** Yuan; null for a recognition (3.4.b). */
  amount: number | null;
  amount_rule: string;
}

export interface NoticeObjectionsTable {
  id: Generated<string>;
  notice_id: string;
  series_id: string;
  application_id: string;
  name: string;
  work_unit: string;
  phone: string | null;
  email: string | null;
  grounds: string;
  evidence_sha256: string | null;
  evidence_filename: string | null;
  evidence_size: number | null;
  evidence_active_content: ColumnType<string[], string[] | undefined, string[]>;
  received_at: Date;
  status: Generated<'open' | 'upheld' | 'dismissed'>;
  /** [{ note, by, at }] */
  notes: JsonDefault<unknown>;
  decision_reason: string | null;
  reply: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Date | null;
}

export interface NoticeObjectionAttemptsTable {
  id: Generated<string>;
  notice_id: string;
  attempted_at: Date;
  reason: string;
  name: Generated<string>;
  application_id: string | null;
}

/** A batch approval decision (立项 / 认定) with its reference number (文号). */
export interface ApprovalDecisionsTable {
  id: Generated<string>;
  plan_id: string;
  doc_number: string;
  title: string;
  reason: string | null;
  decided_by: string | null;
  decided_by_label: string;
  decided_at: Date;
}

/** An approved or recognised application, under its stable code (GZ-2026-3.2-0007). */
export interface ProjectsTable {
  id: Generated<string>;
  code: string;
  application_id: string;
  decision_id: string;
  plan_id: string;
  year: number;
  track: TrackColumn;
  seq: number;
  kind: 'approved' | 'recognised';
  org_id: string;
  org_name: string;
  title: string;
  leader: Json<unknown> | null;
  team: JsonDefault<unknown>;
  /** { city, self, other } in yuan. */
  amounts: Json<unknown>;
  period_from: string | null;
  period_to: string | null;
  kpis: JsonDefault<unknown>;
  rules: string[];
  created_at: Date;
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
  password_resets: PasswordResetsTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventsTable;
  audit_anchor: AuditAnchorTable;
  security_events: SecurityEventsTable;
  import_batches: ImportBatchesTable;
  mail_outbox: MailOutboxTable;
  reminders_sent: RemindersSentTable;
  plans: PlansTable;
  plan_chains: PlanChainsTable;
  calls: CallsTable;
  national_applications: NationalApplicationsTable;
  national_projects: NationalProjectsTable;
  workplans: WorkplansTable;
  consortium_members: ConsortiumMembersTable;
  workplan_experts: WorkplanExpertsTable;
  workplan_comparisons: WorkplanComparisonsTable;
  blobs: BlobsTable;
  applications: ApplicationsTable;
  application_units: ApplicationUnitsTable;
  application_attachments: ApplicationAttachmentsTable;
  rule_decisions: RuleDecisionsTable;
  formal_checks: FormalChecksTable;
  national_units: NationalUnitsTable;
  national_people: NationalPeopleTable;
  import_jobs: ImportJobsTable;
  national_followups: NationalFollowupsTable;
  national_map_units: NationalMapUnitsTable;
  national_map_records: NationalMapRecordsTable;
  national_unit_facts: NationalUnitFactsTable;
  national_map_pairs: NationalMapPairsTable;
  national_map_record_regions: NationalMapRecordRegionsTable;
  national_map_record_rollup: NationalMapRecordRollupTable;
  national_map_unit_rollup: NationalMapUnitRollupTable;
  national_map_pair_twice: NationalMapPairTwiceTable;
  national_map_pair_multi: NationalMapPairMultiTable;
  expert_profiles: ExpertProfilesTable;
  reviews: ReviewsTable;
  review_exclusions: ReviewExclusionsTable;
  review_declarations: ReviewDeclarationsTable;
  review_assignments: ReviewAssignmentsTable;
  review_panels: ReviewPanelsTable;
  overlap_flags: OverlapFlagsTable;
  selection_pins: SelectionPinsTable;
  selections: SelectionsTable;
  selection_field_budgets: SelectionFieldBudgetsTable;
  rate_limits: RateLimitsTable;
  notices: NoticesTable;
  notice_items: NoticeItemsTable;
  notice_objections: NoticeObjectionsTable;
  notice_objection_attempts: NoticeObjectionAttemptsTable;
  approval_decisions: ApprovalDecisionsTable;
  projects: ProjectsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type Person = Selectable<PeopleTable>;
