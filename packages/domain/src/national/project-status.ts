/**
 * Follow-up of national projects involving Guangzhou units (rule 4.2.b): the kinds of timeline entries
 * and the status of a project, derived from its record (period and acceptance) and a day.
 */

/** Kinds of follow-up entries the bureau records on a national project's timeline. */
export const FOLLOWUP_KINDS = ['status', 'milestone', 'output', 'meeting', 'service'] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];

/** Kinds of outputs (only for entries of kind `output`). */
export const FOLLOWUP_OUTPUT_TYPES = ['patent', 'standard', 'product', 'paper', 'software', 'other'] as const;
export type FollowupOutputType = (typeof FOLLOWUP_OUTPUT_TYPES)[number];

/** Status of a national project, derived from its record. */
export const NATIONAL_PROJECT_STATUSES = ['not_started', 'in_progress', 'ended', 'accepted', 'failed'] as const;
export type NationalProjectStatus = (typeof NATIONAL_PROJECT_STATUSES)[number];

export interface NationalProjectStatusFacts {
  /** 'YYYY-MM-DD' or null when the record gives none. */
  startDate: string | null;
  endDate: string | null;
  acceptanceResult: 'passed' | 'failed' | null;
}

/**
 * The status on `today` ('YYYY-MM-DD', Asia/Shanghai):
 * - an acceptance result decides: `accepted` (passed) or `failed`;
 * - otherwise before the start date the project has `not_started`;
 * - after the end date it has `ended` and awaits acceptance;
 * - otherwise (including a record without dates) it is `in_progress`.
 * The start and end days themselves belong to the execution period.
 */
export function nationalProjectStatus(facts: NationalProjectStatusFacts, today: string): NationalProjectStatus {
  if (facts.acceptanceResult === 'passed') return 'accepted';
  if (facts.acceptanceResult === 'failed') return 'failed';
  if (facts.startDate && today < facts.startDate) return 'not_started';
  if (facts.endDate && today > facts.endDate) return 'ended';
  return 'in_progress';
}
