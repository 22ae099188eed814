import {
  AppError,
  IdParams,
  IsoDate,
  NATIONAL_OUTCOMES,
  NATIONAL_STAGES,
  ORG_ROLES,
  ORG_TYPES,
  Page,
  STAFF_ROLES,
  ACCEPTANCE_RESULTS,
  type Role,
} from '@rdplan/domain';
import { z } from 'zod';
import {
  getNationalApplication,
  getNationalApplications,
  getNationalProject,
  getNationalProjects,
} from '../commands/national/get-national.js';
import { getImportJob, importNationalAsJob, listImportJobs, queueNationalImport } from '../commands/national/import-jobs.js';
import { checkNationalFile, recordKind } from '../commands/national/national-format.js';
import type { Deps } from '../context.js';
import { receiveUpload } from '../http/uploads.js';
import type { RouteScope } from './helpers.js';

const IMPORTERS: Role[] = ['officer', 'analyst', 'admin'];
const APPLICATION_READERS: Role[] = [...STAFF_ROLES, ...ORG_ROLES];

const Unit = z.object({ uscc: z.string().nullable(), name: z.string() });
const ApplicationOut = z.object({
  id: z.string(),
  nationalId: z.string(),
  year: z.number(),
  programme: z.string(),
  direction: z.string(),
  fieldCode: z.string().nullable(),
  title: z.string(),
  lead: Unit.extend({ orgId: z.string().nullable() }),
  leaderName: z.string().nullable(),
  participants: z.array(Unit),
  stage: z.enum(NATIONAL_STAGES),
  outcome: z.enum(NATIONAL_OUTCOMES),
  batchId: z.string().nullable(),
  updatedAt: z.string(),
  /** A unit's own list: 'lead' (first applicant, 3.2.b) or 'participant'. */
  unitRole: z.enum(['lead', 'participant']).optional(),
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
  lead: Unit.extend({
    type: z.enum(ORG_TYPES).nullable(),
    regionCode: z.string().nullable(),
    isGuangzhou: z.boolean().nullable(),
    orgId: z.string().nullable(),
  }),
  participants: z.array(Unit),
  people: z.array(z.object({ name: z.string(), role: z.string(), unit: z.string() })),
  acceptance: z.object({ date: z.string(), result: z.enum(ACCEPTANCE_RESULTS) }).nullable(),
  batchId: z.string().nullable(),
  updatedAt: z.string(),
});
const Counts = z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() });
const RowError = z.object({
  row: z.string(),
  column: z.string(),
  reason: z.string(),
  sheet: z.string().optional(),
  line: z.number().optional(),
});
const ImportSummary = Counts.extend({
  batchId: z.string().nullable(),
  dryRun: z.boolean(),
  filename: z.string(),
  format: z.enum(['json', 'csv', 'xlsx']),
  source: z.string().nullable(),
  sha256: z.string(),
  totalRecords: z.number(),
  rejected: z.number(),
  applications: Counts,
  projects: Counts,
  acceptances: Counts,
  units: z.number(),
  timingsMs: z.object({ read: z.number(), check: z.number(), write: z.number(), match: z.number() }).optional(),
  matchFailure: z.string().optional(),
});
const ImportOut = ImportSummary.extend({ jobId: z.string(), errors: z.array(RowError) });
const JobOut = z.object({
  id: z.string(),
  kind: z.string(),
  filename: z.string(),
  source: z.string().nullable(),
  dryRun: z.boolean(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.string().nullable(),
  totalRows: z.number(),
  rowsDone: z.number(),
  written: z.number().nullable(),
  toWrite: z.number().nullable(),
  errorsCount: z.number(),
  errors: z.array(RowError),
  ratePerSecond: z.number().nullable(),
  elapsedMs: z.number().nullable(),
  result: ImportSummary.nullable(),
  failure: z.string().nullable(),
  batchId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const KindParam = z
  .string()
  .trim()
  .max(50)
  .refine((v) => recordKind(v) !== undefined, {
    message: 'applications | projects | acceptances (国家项目申报记录 / 立项项目 / 验收结果)',
  });
const NationalImportQuery = z.strictObject({
  dryRun: Flag.optional(),
  /** Answer only when the import is done (200 with the result) instead of 202 with the job. */
  wait: Flag.optional(),
  source: z.string().trim().max(200).optional(),
  kind: KindParam.optional(),
});

const ApplicationQuery = Page.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  orgId: z.string().uuid().optional(),
  q: z.string().trim().max(100).optional(),
  stage: z.enum(NATIONAL_STAGES).optional(),
  outcome: z.enum(NATIONAL_OUTCOMES).optional(),
});
const ProjectQuery = Page.extend({
  q: z.string().trim().max(100).optional(),
  /** Passed acceptance on or after this date. */
  acceptedSince: IsoDate.optional(),
  orgId: z.string().uuid().optional(),
});

export async function nationalRoutes(app: RouteScope, deps: Deps) {
  app.post(
    '/api/national/import',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['national'],
        summary:
          'Import national programme records (JSON, CSV or xlsx; multipart field `file`, optional fields `source`, `dryRun`, `kind`)',
        description:
          'Keeps the file and queues an import job: answers 202 { jobId } at once; follow it at GET /api/national/import-jobs/:id. ' +
          'With `?wait=true` answers when done (200 with the result). Records are upserted by national id in one transaction per batch; ' +
          'bad records are reported as {row, column, reason} and not stored. `dryRun` only checks. Format: docs/national-records.md.',
        querystring: NationalImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportOut, 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => {
      const { fields, ...file } = await receiveUpload(req);
      const kindText = fields.kind ?? req.query.kind;
      const kind = recordKind(kindText);
      if (kindText && !kind) {
        throw new AppError('validation_failed', [{ path: 'body.kind', message: 'applications | projects | acceptances / 记录类型无效' }]);
      }
      const input = {
        filename: file.filename,
        buffer: file.buffer,
        source: (fields.source ?? req.query.source ?? '').slice(0, 200) || null,
        dryRun: fields.dryRun !== undefined ? fields.dryRun === 'true' : (req.query.dryRun ?? false),
        ...(kind ? { kind } : {}),
      };
      // The format is checked before answering 202: a broken file is refused now, with the reason.
      await checkNationalFile(input.filename, input.buffer, kind);
      if (req.query.wait) {
        const { jobId, result } = await importNationalAsJob(deps, req.actor, input);
        return reply.code(200).send({ ...result, jobId });
      }
      const jobId = await queueNationalImport(deps, req.actor, input);
      return reply.code(202).send({ jobId });
    },
  );

  app.get(
    '/api/national/import-jobs',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['national'],
        summary: 'Recent national import jobs with their progress (rows done, rate, errors so far)',
        response: { 200: z.object({ items: z.array(JobOut) }) },
      },
    },
    async () => ({ items: await listImportJobs(deps.db) }),
  );

  app.get(
    '/api/national/import-jobs/:id',
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ['national'],
        summary: 'One national import job: progress while it runs, the result and the first row errors when done',
        params: IdParams,
        response: { 200: JobOut },
      },
    },
    async (req) => getImportJob(deps.db, req.params.id),
  );

  app.get(
    '/api/national/applications',
    {
      config: { access: APPLICATION_READERS },
      schema: {
        tags: ['national'],
        summary:
          "National applications (a unit sees those it led and those it took part in, each with unitRole — only a led one can carry 3.2's backfill, 3.2.b)",
        querystring: ApplicationQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(ApplicationOut) }) },
      },
    },
    async (req) => getNationalApplications(deps, req.actor, req.query),
  );

  app.get(
    '/api/national/applications/:id',
    {
      config: { access: APPLICATION_READERS },
      schema: { tags: ['national'], summary: 'One national application', params: IdParams, response: { 200: ApplicationOut } },
    },
    async (req) => getNationalApplication(deps, req.actor, req.params.id),
  );

  app.get(
    '/api/national/projects',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['national'],
        summary: "National projects with their acceptance (public information — for 3.3's continuation)",
        querystring: ProjectQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(ProjectOut) }) },
      },
    },
    async (req) => getNationalProjects(deps, req.query),
  );

  app.get(
    '/api/national/projects/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['national'], summary: 'One national project', params: IdParams, response: { 200: ProjectOut } },
    },
    async (req) => getNationalProject(deps, req.params.id),
  );
}
