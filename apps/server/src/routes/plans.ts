import { IdParams, PlanInput, PlanListQuery, PlanParams, PlanUpdate, RuleResultOut, STAFF_ROLES, type Role } from '@rdplan/domain';
import { z } from 'zod';
import { createPlan } from '../commands/plans/create-plan.js';
import { getPlan, getPlans } from '../commands/plans/get-plan.js';
import { publishPlan } from '../commands/plans/publish-plan.js';
import { updatePlan } from '../commands/plans/update-plan.js';
import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

/** Officers keep the year's plan; staff read it; a chain leader reads the published plan (its chains). */
const KEEPERS: Role[] = ['officer'];
const READERS: Role[] = [...STAFF_ROLES, 'chain_leader'];

const PlanOut = z.object({
  id: z.string(),
  year: z.number(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  params: PlanParams,
  budgets: z.object({ total: z.number(), consortium: z.number(), backfill: z.number(), continuation: z.number() }),
  chains: z.array(
    z.object({
      chainId: z.string(),
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      direction: z.string(),
      budget: z.number(),
      leaders: z.array(z.object({ orgId: z.string(), name: z.string() })),
    }),
  ),
  rules: z.array(RuleResultOut),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const PublishInput = z.strictObject({ reason: z.string().trim().max(500).optional() });

export async function plansRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/plans',
    {
      config: { access: READERS },
      schema: {
        tags: ['plans'],
        summary: 'Annual plans (a chain leader sees published ones)',
        querystring: PlanListQuery,
        response: { 200: z.object({ items: z.array(PlanOut) }) },
      },
    },
    async (req) => ({ items: await getPlans(deps, req.actor, req.query) }),
  );

  app.get(
    '/api/plans/:id',
    {
      config: { access: READERS },
      schema: { tags: ['plans'], summary: "One year's plan with its chains and 3.1.a", params: IdParams, response: { 200: PlanOut } },
    },
    async (req) => getPlan(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/plans',
    {
      config: { access: KEEPERS },
      schema: {
        tags: ['plans'],
        summary: "Draft a year's plan: parameters, budgets, selected chains (3.1.a)",
        body: PlanInput,
        response: { 201: PlanOut },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(deps, req.actor, req.body)),
  );

  app.patch(
    '/api/plans/:id',
    {
      config: { access: KEEPERS },
      schema: {
        tags: ['plans'],
        summary: 'Change a plan (a published plan keeps its parameters)',
        params: IdParams,
        body: PlanUpdate,
        response: { 200: PlanOut },
      },
    },
    async (req) => updatePlan(deps, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/plans/:id/publish',
    {
      config: { access: KEEPERS },
      schema: {
        tags: ['plans'],
        summary: 'Publish a plan (3.1.a); its parameters are then fixed',
        params: IdParams,
        body: PublishInput.optional(),
        response: { 200: PlanOut },
      },
    },
    async (req) => publishPlan(deps, req.actor, req.params.id, req.body?.reason ?? null),
  );
}
