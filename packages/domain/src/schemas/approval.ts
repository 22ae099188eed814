import { z } from 'zod';
import { Uuid } from './common.js';

/** Request and response schemas of the batch approval decision (立项 / 认定) and its projects. */

export const ApprovalDecisionInput = z.strictObject({
  planId: Uuid,
  /** The decision's reference number (文号), e.g. 穗科〔2026〕12号; unique. */
  docNumber: z.string().trim().min(4, { message: 'the reference number (文号), e.g. 穗科〔2026〕12号 / 请填写文号' }).max(60),
  title: z.string().trim().min(4).max(200).optional(),
  applicationIds: z.array(Uuid).min(1).max(500),
  reason: z.string().trim().max(1000).optional(),
});
export type ApprovalDecisionInput = z.infer<typeof ApprovalDecisionInput>;

export const ProjectOut = z.object({
  id: Uuid,
  code: z.string(),
  applicationId: Uuid,
  decisionId: Uuid,
  docNumber: z.string(),
  track: z.enum(['consortium', 'backfill', 'continuation', 'recognition']),
  kind: z.enum(['approved', 'recognised']),
  unit: z.string(),
  title: z.string(),
  leader: z.object({ name: z.string(), title: z.string() }).nullable(),
  team: z.array(z.object({ name: z.string(), role: z.string(), title: z.string(), orgName: z.string(), duty: z.string() })),
  /** Yuan by source: city funds as approved (0 for a recognition, 3.4.b), self-raised and other as applied. */
  amounts: z.object({ city: z.number(), self: z.number(), other: z.number() }),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  kpis: z.array(z.object({ indicator: z.string(), target: z.string(), measure: z.string() })),
  rules: z.array(z.string()),
  createdAt: z.string(),
});
export type ProjectOut = z.infer<typeof ProjectOut>;

export const ApprovalDecisionOut = z.object({
  id: Uuid,
  planId: Uuid,
  docNumber: z.string(),
  title: z.string(),
  reason: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  projects: z.array(ProjectOut),
});
export type ApprovalDecisionOut = z.infer<typeof ApprovalDecisionOut>;

export const ApprovalDecisionListOut = z.object({ items: z.array(ApprovalDecisionOut) });
export const ProjectListOut = z.object({ items: z.array(ProjectOut) });
export const ProjectListQuery = z.strictObject({ planId: Uuid.optional() });
export const ProjectCodeParams = z.strictObject({
  code: z
    .string()
    .regex(/^GZ-\d{4}-3\.[1-4]-\d{4}$/, { message: 'a project code such as GZ-2026-3.2-0007 / 项目编号格式如 GZ-2026-3.2-0007' }),
});

export const ApprovalCandidateOut = z.object({
  applicationId: Uuid,
  track: z.enum(['consortium', 'backfill', 'continuation', 'recognition']),
  unit: z.string(),
  title: z.string(),
  amount: z.number().nullable(),
  noticeId: Uuid,
  noticeTitle: z.string(),
  noticeEndsAt: z.string(),
  /** Why no decision may be taken now (4.3.b), null when the project may be approved. */
  hold: z.enum(['not_on_notice', 'notice_running', 'objection_open', 'removed_by_objection']).nullable(),
  projectCode: z.string().nullable(),
});
export type ApprovalCandidateOut = z.infer<typeof ApprovalCandidateOut>;
export const ApprovalCandidateListOut = z.object({ items: z.array(ApprovalCandidateOut) });
export const ApprovalCandidateQuery = z.strictObject({ planId: Uuid });
