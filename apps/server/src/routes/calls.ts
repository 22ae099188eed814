import { CallInput, CallListQuery, CallUpdate, IdParams, PlanParams, RuleResultOut, TRACKS, type Role } from '@rdplan/domain';
import { z } from 'zod';
import { createCall } from '../commands/plans/create-call.js';
import { getCall, getCalls } from '../commands/plans/get-call.js';
import { publishCall } from '../commands/plans/publish-call.js';
import { updateCall } from '../commands/plans/update-call.js';
import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

const KEEPERS: Role[] = ['officer'];

const Item = z.object({ key: z.string(), zh: z.string(), en: z.string() });
const CallOut = z.object({
  id: z.string(),
  planId: z.string(),
  year: z.number(),
  track: z.enum(TRACKS),
  titleZh: z.string(),
  titleEn: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  status: z.enum(['draft', 'published', 'cancelled']),
  state: z.enum(['upcoming', 'open', 'closed']),
  conditions: z.array(Item),
  materials: z.array(
    Item.extend({ required: z.boolean(), maxMb: z.number(), evidence: z.enum(['social_capital', 'completion']).nullable() }),
  ),
  criteria: z.array(Item.extend({ weight: z.number() })),
  checklist: z.array(Item),
  params: PlanParams,
  rules: z.array(RuleResultOut),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const PublishInput = z.strictObject({ reason: z.string().trim().max(500).optional() });

export async function callsRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/calls',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calls'],
        summary: 'Published calls with their state by the server clock (staff: ?all=true adds drafts)',
        querystring: CallListQuery,
        response: { 200: z.object({ items: z.array(CallOut) }) },
      },
    },
    async (req) => ({ items: await getCalls(deps, req.actor, req.query) }),
  );

  app.get(
    '/api/calls/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calls'],
        summary: 'One call: conditions, materials, criteria and the plan parameters that apply (4.3.a)',
        params: IdParams,
        response: { 200: CallOut },
      },
    },
    async (req) => getCall(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/calls',
    {
      config: { access: KEEPERS },
      schema: { tags: ['calls'], summary: 'Draft a call of a plan for one track', body: CallInput, response: { 201: CallOut } },
    },
    async (req, reply) => reply.status(201).send(await createCall(deps, req.actor, req.body)),
  );

  app.patch(
    '/api/calls/:id',
    {
      config: { access: KEEPERS },
      schema: { tags: ['calls'], summary: 'Change a call', params: IdParams, body: CallUpdate, response: { 200: CallOut } },
    },
    async (req) => updateCall(deps, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/calls/:id/publish',
    {
      config: { access: KEEPERS },
      schema: {
        tags: ['calls'],
        summary: 'Publish a call (4.3.a; the plan is published; it closes in the future)',
        params: IdParams,
        body: PublishInput.optional(),
        response: { 200: CallOut },
      },
    },
    async (req) => publishCall(deps, req.actor, req.params.id, req.body?.reason ?? null),
  );
}
