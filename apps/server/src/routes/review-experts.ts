import { ExclusionInput, ExclusionListOut, ExpertCurate, ExpertListOut, ExpertListQuery, ExpertOut, ORG_ROLES } from '@rdplan/domain';
import { z } from 'zod';
import { curateExpert } from '../commands/review/pool/curate-expert.js';
import { addExclusion, listExclusions, removeExclusion } from '../commands/review/pool/exclusions.js';
import { listExperts } from '../commands/review/pool/list-experts.js';
import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

const PersonParams = z.strictObject({ personId: z.string().uuid() });
const AppParams = z.strictObject({ id: z.string().uuid() });
const ExclusionParams = AppParams.extend({ exclusionId: z.string().uuid() });

/**
 * The expert pool, its curation and applicant-named exclusions (issue 5; docs/review.md). The expert's own
 * profile with availability is /api/me/expert-profile (routes/people.ts).
 */
export async function reviewExpertsRoutes(app: RouteScope, deps: Deps): Promise<void> {
  app.get(
    '/api/review/experts',
    {
      config: { access: ['officer', 'admin'] },
      schema: {
        tags: ['review'],
        summary: 'The expert pool with current loads (filter by name/unit/keyword, field, availability)',
        querystring: ExpertListQuery,
        response: { 200: ExpertListOut },
      },
    },
    async (req) => listExperts(deps, req.actor, req.query),
  );

  app.patch(
    '/api/review/experts/:personId',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Curate an expert: pool membership, fields, keywords, load cap, availability, note',
        params: PersonParams,
        body: ExpertCurate,
        response: { 200: ExpertOut },
      },
    },
    async (req) => curateExpert(deps, req.actor, req.params.personId, req.body),
  );

  app.get(
    '/api/applications/:id/exclusions',
    {
      config: { access: [...ORG_ROLES] },
      schema: {
        tags: ['review'],
        summary: 'Experts the applying unit asked to exclude (the unit’s own users)',
        params: AppParams,
        response: { 200: ExclusionListOut },
      },
    },
    async (req) => listExclusions(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/applications/:id/exclusions',
    {
      config: { access: [...ORG_ROLES] },
      schema: {
        tags: ['review'],
        summary: 'Name an expert to exclude (from submission until the review is released; limited per application)',
        params: AppParams,
        body: ExclusionInput,
        response: { 201: ExclusionListOut },
      },
    },
    async (req, reply) => reply.status(201).send(await addExclusion(deps, req.actor, req.params.id, req.body)),
  );

  app.delete(
    '/api/applications/:id/exclusions/:exclusionId',
    {
      config: { access: [...ORG_ROLES] },
      schema: {
        tags: ['review'],
        summary: 'Withdraw a named exclusion before the review is released',
        params: ExclusionParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeExclusion(deps, req.actor, req.params.id, req.params.exclusionId);
      return reply.status(204).send(null);
    },
  );
}
