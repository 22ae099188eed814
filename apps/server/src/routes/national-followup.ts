import {
  ACCEPTANCE_RESULTS,
  FOLLOWUP_KINDS,
  FOLLOWUP_OUTPUT_TYPES,
  IsoDate,
  NATIONAL_PROJECT_STATUSES,
  NonEmpty,
  ORG_ROLES,
  ORG_TYPES,
  Page,
  type Role,
} from '@rdplan/domain';
import { z } from 'zod';
import { createFollowupEntry } from '../commands/national/followup-create.js';
import { deleteFollowupEntry } from '../commands/national/followup-delete.js';
import { getFollowupProject, listFollowups } from '../commands/national/followup-read.js';
import { updateFollowupEntry } from '../commands/national/followup-update.js';
import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

/** Staff read every follow-up; a unit's users read those of projects their organisation takes part in. */
const READERS: Role[] = ['officer', 'analyst', 'admin', ...ORG_ROLES];
/** Officers keep the follow-up (analysts and administrators read it). */
const WRITERS: Role[] = ['officer'];

const NationalIdParams = z.strictObject({ nationalId: z.string().trim().min(1).max(100) });
const EntryParams = NationalIdParams.extend({ entryId: z.string().uuid() });

const ListQuery = Page.extend({
  q: z.string().trim().max(100).optional(),
  field: z
    .string()
    .trim()
    .regex(/^F\d{2}(\.\d{2})?$/, { message: 'field code such as F07 or F07.01' })
    .optional(),
  status: z.enum(NATIONAL_PROJECT_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** Dates of follow-up entries: planned milestones may lie ahead, but within reason. */
const EntryDate = IsoDate.refine((s) => s >= '2000-01-01' && s <= '2100-12-31', { message: 'date between 2000 and 2100' });

const EntryInput = z.strictObject({
  kind: z.enum(FOLLOWUP_KINDS),
  title: NonEmpty(200),
  detail: z.string().trim().max(4000).optional(),
  occurredOn: EntryDate,
  outputType: z.enum(FOLLOWUP_OUTPUT_TYPES).nullable().optional(),
  orgId: z.string().uuid().nullable().optional(),
  reason: z.string().trim().max(500).nullable().optional(),
});
const EntryPatch = z
  .strictObject({
    kind: z.enum(FOLLOWUP_KINDS).optional(),
    title: NonEmpty(200).optional(),
    detail: z.string().trim().max(4000).optional(),
    occurredOn: EntryDate.optional(),
    outputType: z.enum(FOLLOWUP_OUTPUT_TYPES).nullable().optional(),
    orgId: z.string().uuid().nullable().optional(),
    reason: z.string().trim().max(500).nullable().optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'reason'), { message: 'nothing to change' });

const UnitOut = z.object({
  position: z.number(),
  role: z.enum(['lead', 'participant']),
  name: z.string(),
  uscc: z.string().nullable(),
  type: z.enum(ORG_TYPES).nullable(),
  regionCode: z.string().nullable(),
  isGuangzhou: z.boolean(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
});
const OutputCounts = z.record(z.string(), z.number());
const ListItemOut = z.object({
  nationalId: z.string(),
  title: z.string(),
  programme: z.string(),
  fieldCode: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.enum(NATIONAL_PROJECT_STATUSES),
  guangzhouUnits: z.array(UnitOut),
  outputs: z.number(),
  outputsByType: OutputCounts,
  entries: z.number(),
  nextMilestone: z.object({ title: z.string(), occurredOn: z.string() }).nullable(),
});
const EntryOut = z.object({
  id: z.string(),
  kind: z.enum(FOLLOWUP_KINDS),
  title: z.string(),
  detail: z.string(),
  occurredOn: z.string(),
  outputType: z.enum(FOLLOWUP_OUTPUT_TYPES).nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ProjectOut = z.object({
  id: z.string(),
  nationalId: z.string(),
  applicationNationalId: z.string().nullable(),
  title: z.string(),
  programme: z.string(),
  direction: z.string(),
  fieldCode: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budget: z.object({ central: z.number(), local: z.number(), self: z.number() }),
  people: z.array(z.object({ name: z.string(), role: z.string(), unit: z.string() })),
  acceptance: z.object({ date: z.string(), result: z.enum(ACCEPTANCE_RESULTS) }).nullable(),
  updatedAt: z.string(),
});
const DetailOut = z.object({
  project: ProjectOut,
  status: z.enum(NATIONAL_PROJECT_STATUSES),
  today: z.string(),
  units: z.array(UnitOut),
  outputsByType: OutputCounts,
  timeline: z.array(
    z.object({
      key: z.string(),
      source: z.enum(['record', 'entry']),
      event: z.enum(['start', 'end', 'acceptance_passed', 'acceptance_failed']).nullable(),
      kind: z.enum(FOLLOWUP_KINDS),
      occurredOn: z.string(),
      entry: EntryOut.nullable(),
    }),
  ),
  canEdit: z.boolean(),
});

export async function nationalFollowupRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/national/followup',
    {
      config: { access: READERS },
      schema: {
        tags: ['national'],
        summary: 'National projects involving Guangzhou units, with their follow-up (4.2.b)',
        description:
          'Staff see all; a unit user sees the projects its organisation takes part in. `status` is derived from the period and acceptance; `year` is the start year; `field` matches the field code and its sub-fields.',
        querystring: ListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(ListItemOut) }) },
      },
    },
    async (req) => listFollowups(deps, req.actor, req.query),
  );

  app.get(
    '/api/national/followup/:nationalId',
    {
      config: { access: READERS },
      schema: {
        tags: ['national'],
        summary: "A national project's follow-up page: facts, units, status and timeline",
        params: NationalIdParams,
        response: { 200: DetailOut },
      },
    },
    async (req) => getFollowupProject(deps, req.actor, req.params.nationalId),
  );

  app.post(
    '/api/national/followup/:nationalId/entries',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['national'],
        summary: 'Record a milestone, output, meeting, service or status change',
        params: NationalIdParams,
        body: EntryInput,
        response: { 201: EntryOut },
      },
    },
    async (req, reply) => reply.status(201).send(await createFollowupEntry(deps, req.actor, req.params.nationalId, req.body)),
  );

  app.patch(
    '/api/national/followup/:nationalId/entries/:entryId',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['national'],
        summary: 'Correct a follow-up entry',
        params: EntryParams,
        body: EntryPatch,
        response: { 200: EntryOut },
      },
    },
    async (req) => updateFollowupEntry(deps, req.actor, req.params.nationalId, req.params.entryId, req.body),
  );

  app.delete(
    '/api/national/followup/:nationalId/entries/:entryId',
    {
      config: { access: WRITERS },
      schema: { tags: ['national'], summary: 'Remove a follow-up entry', params: EntryParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteFollowupEntry(deps, req.actor, req.params.nationalId, req.params.entryId);
      return reply.status(204).send(null);
    },
  );
}
