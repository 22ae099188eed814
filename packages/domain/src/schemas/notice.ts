import { z } from 'zod';
import { NOTICE_SOURCES } from '../notice.js';
import { Uuid } from './common.js';

/** Request and response schemas of the public notice (公示, 4.3.b) and its objections. */

const Reason = z.string().trim().min(2, { message: 'a reason of at least 2 characters / 请填写理由' }).max(1000);
const HowToObject = z
  .string()
  .trim()
  .min(10, { message: 'say how and where to object, at least 10 characters / 请写明异议受理方式，至少 10 个字' })
  .max(2000);

export const NoticePublishInput = z.strictObject({
  planId: Uuid,
  source: z.enum(NOTICE_SOURCES),
  /** Defaults to "<year>年度广州市重点领域研发计划<what>公示". */
  title: z.string().trim().min(4).max(200).optional(),
  howToObject: HowToObject,
  /** A subset of the eligible applications; all of them (not yet on a notice) when absent. */
  applicationIds: z.array(Uuid).min(1).max(500).optional(),
});
export type NoticePublishInput = z.infer<typeof NoticePublishInput>;

export const NoticeCorrectionInput = z.strictObject({
  reason: Reason,
  title: z.string().trim().min(4).max(200).optional(),
  howToObject: HowToObject.optional(),
});
export type NoticeCorrectionInput = z.infer<typeof NoticeCorrectionInput>;

const ANONYMOUS = 'give your real name: anonymous objections are not accepted / 请署真实姓名，匿名异议不予受理';
const NO_UNIT = 'give your work unit / 请填写工作单位';
const NO_GROUNDS =
  'state the grounds of the objection, at least 10 characters / 请写明异议的事实和理由（至少 10 个字），无理由的异议不予受理';

/**
 * The fields of an objection (multipart form fields beside the evidence PDF). Real name, work unit, a
 * phone or an e-mail, the project and the grounds are required: an anonymous objection or one without
 * grounds is refused with the field named (the usual rule of Chinese notices).
 */
export const ObjectionFields = z
  .object({
    name: z.string({ error: ANONYMOUS }).trim().min(2, { message: ANONYMOUS }).max(50),
    workUnit: z.string({ error: NO_UNIT }).trim().min(2, { message: NO_UNIT }).max(200),
    phone: z
      .string()
      .trim()
      .max(30)
      .refine((s) => s === '' || /^[0-9+()\- ]{5,30}$/.test(s), { message: 'not a phone number / 电话号码格式不正确' })
      .optional(),
    email: z
      .string()
      .trim()
      .max(254)
      .refine((s) => s === '' || z.email().safeParse(s).success, { message: 'invalid e-mail address / 电子邮箱格式不正确' })
      .optional(),
    applicationId: z.string({ error: 'name the project concerned / 请选择异议涉及的项目' }).uuid({
      message: 'name the project concerned / 请选择异议涉及的项目',
    }),
    grounds: z.string({ error: NO_GROUNDS }).trim().min(10, { message: NO_GROUNDS }).max(5000),
  })
  .superRefine((v, ctx) => {
    if (!v.phone && !v.email)
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'give a phone number or an e-mail address so that we can reply / 请留下联系电话或电子邮箱，以便答复',
      });
  });
export type ObjectionFields = z.infer<typeof ObjectionFields>;

export const ObjectionNoteInput = z.strictObject({ note: z.string().trim().min(2).max(5000) });
export const ObjectionDecideInput = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  /** Shown on the public page beside the project (upheld: why it left the list). */
  reason: Reason,
  /** The answer to the objector, mailed when an e-mail was given. */
  reply: z.string().trim().min(2, { message: 'write the reply to the objector / 请填写对异议人的答复' }).max(5000),
});
export type ObjectionDecideInput = z.infer<typeof ObjectionDecideInput>;

export const NoticeListQuery = z.strictObject({ planId: Uuid.optional() });

// ---------------------------------------------------------------------------------------------------------
// Responses

export const NoticeItemOut = z.object({
  applicationId: Uuid,
  position: z.number(),
  unit: z.string(),
  title: z.string(),
  track: z.enum(['consortium', 'backfill', 'continuation', 'recognition']),
  /** The chain (3.1) or the field (3.2 – 3.4). */
  fieldOrChain: z.string(),
  /** Yuan; null for a recognition (no city funds, 3.4.b). */
  amount: z.number().nullable(),
  amountRule: z.string(),
  /** Set when an upheld objection took the project off the list, with the reason shown. */
  removed: z.object({ reason: z.string(), at: z.string() }).nullable(),
});
export type NoticeItemOut = z.infer<typeof NoticeItemOut>;

export const NoticeVersionOut = z.object({
  id: Uuid,
  version: z.number(),
  publishedAt: z.string(),
  correctionReason: z.string().nullable(),
});

export const NoticeSummaryOut = z.object({
  id: Uuid,
  seriesId: Uuid,
  version: z.number(),
  current: z.boolean(),
  planId: Uuid,
  year: z.number(),
  source: z.enum(NOTICE_SOURCES),
  title: z.string(),
  publishedAt: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  endsAt: z.string(),
  workingDays: z.number(),
  firstDayCounts: z.boolean(),
  running: z.boolean(),
  itemCount: z.number(),
  correctionReason: z.string().nullable(),
  /** Officers only: objections still open on this notice's series. */
  openObjections: z.number().optional(),
});
export type NoticeSummaryOut = z.infer<typeof NoticeSummaryOut>;

export const PublicObjectionOutcome = z.object({
  applicationId: Uuid,
  projectTitle: z.string(),
  receivedOn: z.string(),
  outcome: z.enum(['upheld', 'dismissed']),
  reason: z.string(),
  decidedOn: z.string(),
});

export const NoticeOut = NoticeSummaryOut.extend({
  howToObject: z.string(),
  rule: z.literal('4.3.b'),
  items: z.array(NoticeItemOut),
  /** Every version of the notice, oldest first, each correction with its reason. */
  versions: z.array(NoticeVersionOut),
  /** The outcome of each decided objection (no personal data of the objector). */
  outcomes: z.array(PublicObjectionOutcome),
  /** Objections received and not yet decided. */
  pendingObjections: z.number(),
});
export type NoticeOut = z.infer<typeof NoticeOut>;

export const NoticeListOut = z.object({ items: z.array(NoticeSummaryOut) });

export const ObjectionReceiptOut = z.object({
  id: Uuid,
  receivedAt: z.string(),
  applicationId: Uuid,
  message: z.string(),
});

export const ObjectionOut = z.object({
  id: Uuid,
  noticeId: Uuid,
  noticeVersion: z.number(),
  applicationId: Uuid,
  projectTitle: z.string(),
  unit: z.string(),
  name: z.string(),
  workUnit: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  grounds: z.string(),
  evidence: z.object({ filename: z.string(), size: z.number(), activeContent: z.array(z.string()) }).nullable(),
  receivedAt: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  notes: z.array(z.object({ note: z.string(), by: z.string(), at: z.string() })),
  decisionReason: z.string().nullable(),
  reply: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ObjectionOut = z.infer<typeof ObjectionOut>;

export const ObjectionListOut = z.object({
  items: z.array(ObjectionOut),
  /** Objections refused because the notice had ended, recorded with when and by whom they came. */
  lateAttempts: z.array(z.object({ at: z.string(), name: z.string(), applicationId: z.string().nullable() })),
});
