/** National programme records as the API answers them (GET /api/national/applications, /projects), shared by server and web. */
import type { OrgType } from '../registry.js';
import type { AcceptanceResult, NationalOutcome, NationalStage } from '../policy/codes.js';

export interface NationalUnit {
  uscc: string | null;
  name: string;
}

export interface NationalApplicationView {
  id: string;
  nationalId: string;
  year: number;
  programme: string;
  direction: string;
  fieldCode: string | null;
  title: string;
  lead: NationalUnit & { orgId: string | null };
  leaderName: string | null;
  participants: NationalUnit[];
  stage: NationalStage;
  outcome: NationalOutcome;
  batchId: string | null;
  updatedAt: string;
  /**
   * For a unit's own list: whether it led the application (first applicant) or took part in it. Only a
   * led one can carry a backfill application (3.2.b); the form shows the others, disabled, with why.
   */
  unitRole?: 'lead' | 'participant';
}

export interface NationalProjectView {
  id: string;
  nationalId: string;
  applicationNationalId: string | null;
  title: string;
  programme: string;
  direction: string;
  fieldCode: string | null;
  startDate: string | null;
  endDate: string | null;
  budget: { central: number; local: number; self: number };
  lead: NationalUnit & { type: OrgType | null; regionCode: string | null; isGuangzhou: boolean | null; orgId: string | null };
  participants: NationalUnit[];
  people: { name: string; role: string; unit: string }[];
  acceptance: { date: string; result: AcceptanceResult } | null;
  batchId: string | null;
  updatedAt: string;
}
