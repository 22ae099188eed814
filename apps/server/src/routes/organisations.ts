import {
  AddSubsidiaryInput,
  CreateOrganisationInput,
  IdParams,
  ImportQuery,
  ORG_TYPES,
  OrganisationListQuery,
  ORG_ROLES,
  shanghaiDate,
  hasAnyRole,
  STAFF_ROLES,
  SubsidiaryParams,
  TemplateQuery,
  UpdateOrganisationInput,
} from '@rdplan/domain';
import { z } from 'zod';
import { addSubsidiary } from '../commands/registry/add-subsidiary.js';
import { createOrganisation } from '../commands/registry/create-organisation.js';
import { getOrganisation, getOrganisationGroup } from '../commands/registry/get-organisation.js';
import { getOrganisationImportJob, queueOrganisationImport } from '../commands/registry/organisation-import-jobs.js';
import { importOrganisations, organisationTemplate } from '../commands/registry/organisation-rows.js';
import { removeSubsidiary } from '../commands/registry/remove-subsidiary.js';
import { updateOrganisation } from '../commands/registry/update-organisation.js';
import type { Deps } from '../context.js';
import { language } from '../http/errors.js';
import { listOrganisations, presentOrganisationItem } from '../repositories/organisations.js';
import { receiveUpload } from '../http/uploads.js';
import type { RouteScope } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const KEEPERS = ['admin', 'officer'] as const;
const READERS = [...STAFF_ROLES, ...ORG_ROLES];

const Summary = z.object({ id: z.string(), uscc: z.string(), name: z.string(), type: z.enum(ORG_TYPES), regionCode: z.string() });
const SummaryWithShare = Summary.extend({ sharePct: z.number().nullable() });
const OrganisationItem = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  type: z.enum(ORG_TYPES),
  typeLabel: z.string(),
  regionCode: z.string(),
  regionLabel: z.string(),
  isGuangzhou: z.boolean(),
  address: z.string().nullable(),
  aboveDesignatedSize: z.boolean(),
  aboveDesignatedSizeYear: z.number().nullable(),
  techSme: z.boolean(),
  techSmeYear: z.number().nullable(),
  hnte: z
    .object({ certNo: z.string(), validFrom: z.string().nullable(), validTo: z.string().nullable(), validToday: z.boolean() })
    .nullable(),
  hnteValidToday: z.boolean(),
  formerNames: z.array(z.object({ name: z.string(), until: z.string() })),
  updatedAt: z.string(),
});
/** What a unit or chain leader sees of other organisations when picking partners: the public registration facts. */
const DirectoryItem = OrganisationItem.pick({
  id: true,
  uscc: true,
  name: true,
  type: true,
  typeLabel: true,
  regionCode: true,
  regionLabel: true,
  isGuangzhou: true,
  formerNames: true,
});
const OrganisationOut = OrganisationItem.extend({
  parents: z.array(SummaryWithShare),
  subsidiaries: z.array(SummaryWithShare),
  createdAt: z.string(),
});
const GroupOut = z.object({
  organisation: Summary,
  parents: z.array(SummaryWithShare),
  ancestors: z.array(Summary.extend({ depth: z.number() })),
  children: z.array(SummaryWithShare),
  descendants: z.array(Summary.extend({ depth: z.number() })),
});
const RowError = z.object({ row: z.number(), column: z.string(), reason: z.string() });
const ImportOut = z.object({
  batchId: z.string().nullable(),
  dryRun: z.boolean(),
  filename: z.string(),
  sha256: z.string(),
  totalRows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errors: z.array(RowError),
});

const BackgroundImportQuery = ImportQuery.extend({
  background: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const ImportJobOut = z.object({
  id: z.string(),
  kind: z.string(),
  filename: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.string().nullable(),
  totalRows: z.number(),
  rowsDone: z.number(),
  errorsCount: z.number(),
  errors: z.array(z.object({ row: z.union([z.number(), z.string()]), column: z.string(), reason: z.string() })),
  ratePerSecond: z.number().nullable(),
  elapsedMs: z.number().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  failure: z.string().nullable(),
  batchId: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export async function organisationRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/organisations',
    {
      config: { access: READERS },
      schema: {
        tags: ['registry'],
        summary: 'Search the organisation registry (units and chain leaders pick participating units and consortium members from it)',
        querystring: OrganisationListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(z.union([OrganisationItem, DirectoryItem])) }) },
      },
    },
    async (req) => {
      const { total, rows } = await listOrganisations(deps.db, req.query);
      const today = shanghaiDate(deps.clock.now());
      const lang = language(req);
      const items = rows.map((o) => presentOrganisationItem(o, today, lang));
      if (hasAnyRole(req.actor.roles, STAFF_ROLES)) return { total, items };
      return { total, items: items.map((o) => DirectoryItem.parse(o)) };
    },
  );

  app.post(
    '/api/organisations',
    {
      config: { access: KEEPERS },
      schema: {
        tags: ['registry'],
        summary: 'Enter an organisation into the registry',
        body: CreateOrganisationInput,
        response: { 201: OrganisationOut },
      },
    },
    async (req, reply) => {
      const org = await createOrganisation(deps, req.actor, req.body);
      return reply.status(201).send(await getOrganisation(deps, req.actor, org.id, language(req)));
    },
  );

  app.get(
    '/api/organisations/import/template',
    {
      config: { access: STAFF_ROLES, produces: [XLSX, 'text/csv'] },
      schema: { tags: ['registry'], summary: 'Blank import file with the expected columns', querystring: TemplateQuery },
    },
    async (req, reply) => {
      const { format } = req.query;
      const file = await organisationTemplate(format);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="organisations-template.${format}"`)
        .send(file);
    },
  );

  app.post(
    '/api/organisations/import',
    {
      config: { access: KEEPERS },
      schema: {
        tags: ['registry'],
        summary: 'Import organisations from xlsx or CSV (multipart field `file`)',
        description:
          'Upserts by credit code in one transaction; bad rows are reported and not stored. `?dryRun=true` only checks. ' +
          '`?background=true` (large files) keeps the file and answers 202 { jobId } at once; follow it at GET /api/organisations/import-jobs/:id.',
        querystring: BackgroundImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportOut, 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => {
      const upload = await receiveUpload(req);
      const input = { filename: upload.filename, buffer: upload.buffer, dryRun: req.query.dryRun ?? false };
      if (req.query.background) return reply.code(202).send({ jobId: await queueOrganisationImport(deps, req.actor, input) });
      return importOrganisations(deps, req.actor, input);
    },
  );

  app.get(
    '/api/organisations/import-jobs/:id',
    {
      config: { access: KEEPERS },
      schema: {
        tags: ['registry'],
        summary: 'One background organisation import: rows written so far while it runs, the result when done',
        params: IdParams,
        response: { 200: ImportJobOut },
      },
    },
    async (req) => getOrganisationImportJob(deps.db, req.params.id),
  );

  app.get(
    '/api/organisations/:id',
    {
      config: { access: READERS },
      schema: { tags: ['registry'], summary: 'One organisation', params: IdParams, response: { 200: OrganisationOut } },
    },
    async (req) => getOrganisation(deps, req.actor, req.params.id, language(req)),
  );

  app.patch(
    '/api/organisations/:id',
    {
      config: { access: [...KEEPERS, 'unit_admin'] },
      schema: {
        tags: ['registry'],
        summary: 'Change registry fields (a unit admin: only the address of their own unit)',
        params: IdParams,
        body: UpdateOrganisationInput,
        response: { 200: OrganisationOut },
      },
    },
    async (req) => {
      await updateOrganisation(deps, req.actor, req.params.id, req.body);
      return getOrganisation(deps, req.actor, req.params.id, language(req));
    },
  );

  app.get(
    '/api/organisations/:id/group',
    {
      config: { access: READERS },
      schema: {
        tags: ['registry'],
        summary: 'Corporate group: controllers above, subsidiaries below (transitively)',
        params: IdParams,
        response: { 200: GroupOut },
      },
    },
    async (req) => getOrganisationGroup(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/organisations/:id/subsidiaries',
    {
      config: { access: KEEPERS },
      schema: {
        tags: ['registry'],
        summary: 'Record that this organisation controls another',
        params: IdParams,
        body: AddSubsidiaryInput,
        response: { 201: z.object({ parentId: z.string(), childId: z.string(), sharePct: z.number().nullable() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await addSubsidiary(deps, req.actor, req.params.id, req.body)),
  );

  app.delete(
    '/api/organisations/:id/subsidiaries/:childId',
    {
      config: { access: KEEPERS },
      schema: { tags: ['registry'], summary: 'End a control relationship', params: SubsidiaryParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await removeSubsidiary(deps, req.actor, req.params.id, req.params.childId);
      return reply.status(204).send(null);
    },
  );
}
