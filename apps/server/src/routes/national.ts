import {
  AppError,
  IdParams,
  ImportQuery,
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
import { importNational } from '../commands/national/import-national.js';
import type { Deps } from '../context.js';
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
const ImportOut = Counts.extend({
  batchId: z.string().nullable(),
  dryRun: z.boolean(),
  filename: z.string(),
  sha256: z.string(),
  totalRecords: z.number(),
  rejected: z.number(),
  applications: Counts,
  projects: Counts,
  errors: z.array(z.object({ row: z.string(), column: z.string(), reason: z.string() })),
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
        summary: 'Import national programme records (JSON, multipart field `file`)',
        description:
          'Upserts applications and projects by national id in one transaction; bad records are reported as {row, column, reason} and not stored. `?dryRun=true` only checks. Format: docs/national-records.md.',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportOut },
      },
    },
    async (req) => {
      const part = await req.file();
      if (!part || part.fieldname !== 'file') {
        throw new AppError('validation_failed', [{ path: 'body.file', message: 'attach the file as field "file" / 请上传文件' }]);
      }
      const buffer = await part.toBuffer();
      return importNational(deps, req.actor, { filename: part.filename, buffer, dryRun: req.query.dryRun ?? false });
    },
  );

  app.get(
    '/api/national/applications',
    {
      config: { access: APPLICATION_READERS },
      schema: {
        tags: ['national'],
        summary: "National applications (a unit sees only those it led — for 3.2's backfill)",
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
