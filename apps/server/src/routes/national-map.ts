import { shanghaiDate, type Role } from '@rdplan/domain';
import { z } from 'zod';
import { attractionWorkbook, backfillWorkbook, networkWorkbook, summaryWorkbook } from '../commands/national/map-export.js';
import type { Deps } from '../context.js';
import { language } from '../http/errors.js';
import { mapAttraction, mapBackfill, mapNetwork, mapSummary, type MapFilter } from '../repositories/national-map.js';
import type { RouteScope } from './helpers.js';

/** The map of enterprises and talent teams is for the bureau's analysts and officers (4.2.c). */
const MAP_READERS: Role[] = ['analyst', 'officer', 'admin'];

const Year = z.coerce.number().int().min(2000).max(2100);
const FieldCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.]{1,20}$/);
const Filters = z.object({
  field: FieldCode.optional(),
  /** Chain id or code. */
  chain: z.string().trim().min(1).max(64).optional(),
  /** GB/T 2260: province xx0000, prefecture xxxx00 or district. */
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  yearFrom: Year.optional(),
  yearTo: Year.optional(),
  kind: z.enum(['application', 'project']).optional(),
});
const SummaryQuery = Filters.extend({ top: z.coerce.number().int().min(1).max(500).optional() });
const NetworkQuery = Filters.extend({ edges: z.coerce.number().int().min(1).max(1000).optional() });
const AttractionQuery = z.object({
  chain: z.string().trim().min(1).max(64).optional(),
  field: FieldCode.optional(),
  yearFrom: Year.optional(),
  yearTo: Year.optional(),
  top: z.coerce.number().int().min(1).max(500).optional(),
});
const BackfillQuery = z.object({ year: Year.optional(), field: FieldCode.optional(), chain: z.string().trim().min(1).max(64).optional() });
const ExportQuery = Filters.extend({
  view: z.enum(['summary', 'network', 'attraction', 'backfill']),
  year: Year.optional(),
  top: z.coerce.number().int().min(1).max(500).optional(),
  edges: z.coerce.number().int().min(1).max(1000).optional(),
});

const Counts = { applications: z.number(), projects: z.number(), approved: z.number(), budget: z.number() };
const UnitBase = {
  key: z.string(),
  orgId: z.string().nullable(),
  name: z.string(),
  uscc: z.string().nullable(),
  regionCode: z.string().nullable(),
  isGuangzhou: z.boolean(),
  orgType: z.string().nullable(),
  leads: z.number(),
  participations: z.number(),
  records: z.number(),
};
const SummaryOut = z.object({
  totals: z.object({ ...Counts, units: z.number() }),
  byField: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), ...Counts })),
  byChain: z.array(z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), ...Counts })),
  byRegion: z.array(
    z.object({
      code: z.string(),
      labelZh: z.string(),
      labelEn: z.string(),
      isGuangzhou: z.boolean(),
      leads: z.number(),
      participations: z.number(),
      units: z.number(),
    }),
  ),
  byYear: z.array(z.object({ year: z.number(), ...Counts })),
  topUnits: z.array(z.object({ ...UnitBase, approved: z.number(), budget: z.number() })),
  options: z.object({
    fields: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), parentCode: z.string().nullable() })),
    chains: z.array(
      z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), fieldCodes: z.array(z.string()) }),
    ),
  }),
});
const NetworkOut = z.object({
  nodes: z.array(
    z.object({
      key: z.string(),
      orgId: z.string().nullable(),
      name: z.string(),
      regionCode: z.string().nullable(),
      isGuangzhou: z.boolean(),
      orgType: z.string().nullable(),
      records: z.number(),
      leads: z.number(),
    }),
  ),
  edges: z.array(z.object({ source: z.string(), target: z.string(), weight: z.number() })),
  totalEdges: z.number(),
});
const Evidence = z.object({
  kind: z.enum(['application', 'project']),
  nationalId: z.string(),
  year: z.number().nullable(),
  title: z.string(),
  fieldCode: z.string().nullable(),
  role: z.enum(['lead', 'participant']),
  stage: z.string().nullable(),
  outcome: z.string(),
  budget: z.number(),
  points: z.number(),
});
const AttractionOut = z.object({
  refYear: z.number(),
  fieldCodes: z.array(z.string()),
  formula: z.string(),
  candidates: z.array(
    z.object({
      ...UnitBase,
      rank: z.number(),
      score: z.number(),
      activity: z.number(),
      projectsLed: z.number(),
      projectsJoined: z.number(),
      applicationsLed: z.number(),
      applicationsJoined: z.number(),
      approved: z.number(),
      finalDefence: z.number(),
      budgetLed: z.number(),
      budgetJoined: z.number(),
      keyPeople: z.number(),
      lastYear: z.number().nullable(),
      people: z.array(z.string()),
      evidence: z.array(Evidence),
    }),
  ),
});
const BackfillOut = z.object({
  year: z.number(),
  candidates: z.array(
    z.object({
      key: z.string(),
      orgId: z.string().nullable(),
      name: z.string(),
      uscc: z.string().nullable(),
      regionCode: z.string().nullable(),
      orgType: z.string().nullable(),
      eligibleType: z.boolean().nullable(),
      records: z.array(
        z.object({
          nationalId: z.string(),
          year: z.number(),
          programme: z.string(),
          direction: z.string(),
          fieldCode: z.string().nullable(),
          title: z.string(),
        }),
      ),
    }),
  ),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function nationalMapRoutes(app: RouteScope, deps: Deps) {
  /** The current Asia/Shanghai year (recency reference; the backfill year defaults to the previous one, 3.2.b). */
  const thisYear = () => Number(shanghaiDate(deps.clock.now()).slice(0, 4));
  const filterOf = (q: z.infer<typeof Filters>): MapFilter => ({
    field: q.field,
    chain: q.chain,
    region: q.region,
    yearFrom: q.yearFrom,
    yearTo: q.yearTo,
    kind: q.kind,
  });

  app.get(
    '/api/national/map/summary',
    {
      config: { access: MAP_READERS },
      schema: {
        tags: ['national'],
        summary: 'Who leads and takes part in national records: by field, chain, region and year, and the top units (4.2.c)',
        querystring: SummaryQuery,
        response: { 200: SummaryOut },
      },
    },
    async (req) => mapSummary(deps.db, filterOf(req.query), req.query.top ?? 50),
  );

  app.get(
    '/api/national/map/network',
    {
      config: { access: MAP_READERS },
      schema: {
        tags: ['national'],
        summary: 'Collaboration network: units named on the same record, the heaviest `edges` pairs (4.2.c)',
        querystring: NetworkQuery,
        response: { 200: NetworkOut },
      },
    },
    async (req) => mapNetwork(deps.db, filterOf(req.query), req.query.edges ?? 100),
  );

  app.get(
    '/api/national/map/attraction',
    {
      config: { access: MAP_READERS },
      schema: {
        tags: ['national'],
        summary: "Units outside Guangzhou strong in the fields of the city's chains, ranked, with the records behind the score (4.2.c)",
        querystring: AttractionQuery,
        response: { 200: AttractionOut },
      },
    },
    async (req) => mapAttraction(deps.db, req.query, thisYear(), req.query.top ?? 50),
  );

  app.get(
    '/api/national/map/backfill-candidates',
    {
      config: { access: MAP_READERS },
      schema: {
        tags: ['national'],
        summary: 'Guangzhou first applicants that reached the final defence without approval in a year (3.2 candidates)',
        querystring: BackfillQuery,
        response: { 200: BackfillOut },
      },
    },
    async (req) => mapBackfill(deps.db, req.query.year ?? thisYear() - 1, req.query),
  );

  app.get(
    '/api/national/map/export.xlsx',
    {
      config: { access: MAP_READERS, produces: [XLSX] },
      schema: {
        tags: ['national'],
        summary: 'The tables of one map view (summary, network, attraction, backfill) as an xlsx workbook',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      const lang = language(req);
      let file: Buffer;
      switch (q.view) {
        case 'summary':
          file = await summaryWorkbook(await mapSummary(deps.db, filterOf(q), q.top ?? 200), lang);
          break;
        case 'network':
          file = await networkWorkbook(await mapNetwork(deps.db, filterOf(q), q.edges ?? 500), lang);
          break;
        case 'attraction':
          file = await attractionWorkbook(await mapAttraction(deps.db, q, thisYear(), q.top ?? 200), lang);
          break;
        case 'backfill':
          file = await backfillWorkbook(await mapBackfill(deps.db, q.year ?? thisYear() - 1, q), lang);
          break;
      }
      return reply.type(XLSX).header('content-disposition', `attachment; filename="national-map-${q.view}.xlsx"`).send(file);
    },
  );
}
