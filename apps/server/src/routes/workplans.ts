import {
  CandidateInput,
  CandidateParams,
  ComparisonInput,
  CreateWorkplanInput,
  IdParams,
  ReopenWorkplanInput,
  SetExpertsInput,
  SetMembersInput,
  UpdateCandidateInput,
  UpdateWorkplanInput,
  WorkplanListOut,
  WorkplanListQuery,
  WorkplanRuleDecisionInput,
  WorkplanStepInput,
  WorkplanViewOut,
  type Role,
} from '@rdplan/domain';
import { addCandidate } from '../commands/workplans/add-candidate.js';
import { createWorkplan } from '../commands/workplans/create-workplan.js';
import { deleteCandidate } from '../commands/workplans/delete-candidate.js';
import { excludeCandidate } from '../commands/workplans/exclude-candidate.js';
import { finaliseWorkplan } from '../commands/workplans/finalise-workplan.js';
import { getWorkplan, listWorkplansFor } from '../commands/workplans/get-workplan.js';
import { includeCandidate } from '../commands/workplans/include-candidate.js';
import { recordComparison } from '../commands/workplans/record-comparison.js';
import { recordRuleDecision } from '../commands/workplans/record-rule-decision.js';
import { reopenWorkplan } from '../commands/workplans/reopen-workplan.js';
import { setExperts } from '../commands/workplans/set-experts.js';
import { setMembers } from '../commands/workplans/set-members.js';
import { updateCandidate } from '../commands/workplans/update-candidate.js';
import { updateWorkplan } from '../commands/workplans/update-workplan.js';
import type { Deps } from '../context.js';
import { requireOrgActor, requireUser, type RouteScope } from './helpers.js';

/** The chain leader writes the plan; officers (and admins) decide on its in-principle rules and reopen it. */
const LEADER: readonly Role[] = ['chain_leader'];
const BUREAU: readonly Role[] = ['officer', 'admin'];
const tags = ['workplans'];

/**
 * The chain leader's annual S&T work plan (4.1.b) with its consortium (3.1.f), expert team (4.1.a),
 * candidate projects (3.1.d–g, 4.1.e) and comparison records (4.1.c). Every answer that changes the plan
 * is the plan's view with the live rule results.
 */
export async function workplansRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/workplans',
    {
      config: { access: 'authenticated' },
      schema: {
        response: { 200: WorkplanListOut },
        tags,
        summary: "Work plans: a chain leader's own; every plan for officers and admins; finalised ones for analysts",
        querystring: WorkplanListQuery,
      },
    },
    async (req) => ({ items: await listWorkplansFor(deps, requireUser(req), req.query) }),
  );

  app.post(
    '/api/workplans',
    {
      config: { access: LEADER },
      schema: {
        response: { 201: WorkplanViewOut },
        tags,
        summary: "Start the chain's work plan for a plan that selected the chain",
        body: CreateWorkplanInput,
      },
    },
    async (req, reply) => reply.status(201).send(await createWorkplan(deps, requireOrgActor(req), req.body)),
  );

  app.get(
    '/api/workplans/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'One work plan with its live rule results (else 404)',
        params: IdParams,
      },
    },
    async (req) => getWorkplan(deps, requireUser(req), req.params.id),
  );

  app.patch(
    '/api/workplans/:id',
    {
      config: { access: LEADER },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Summary and weak points (4.1.b); a stale version answers 409',
        params: IdParams,
        body: UpdateWorkplanInput,
      },
    },
    async (req) => updateWorkplan(deps, requireOrgActor(req), req.params.id, req.body),
  );

  app.put(
    '/api/workplans/:id/members',
    {
      config: { access: LEADER },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Replace the consortium members (3.1.f); the leader stays',
        params: IdParams,
        body: SetMembersInput,
      },
    },
    async (req) => setMembers(deps, requireOrgActor(req), req.params.id, req.body),
  );

  app.put(
    '/api/workplans/:id/experts',
    {
      config: { access: LEADER },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Replace the core technical expert team (4.1.a)',
        params: IdParams,
        body: SetExpertsInput,
      },
    },
    async (req) => setExperts(deps, requireOrgActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/workplans/:id/candidates',
    {
      config: { access: LEADER },
      schema: {
        response: { 201: WorkplanViewOut },
        tags,
        summary: 'Propose a candidate project (a draft application of the consortium call); hard caps answer 422',
        params: IdParams,
        body: CandidateInput,
      },
    },
    async (req, reply) => reply.status(201).send(await addCandidate(deps, requireOrgActor(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/workplans/:id/candidates/:appId',
    {
      config: { access: LEADER },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Change a never-submitted candidate',
        params: CandidateParams,
        body: UpdateCandidateInput,
      },
    },
    async (req) => updateCandidate(deps, requireOrgActor(req), req.params.id, req.params.appId, req.body),
  );

  app.delete(
    '/api/workplans/:id/candidates/:appId',
    {
      config: { access: LEADER },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Drop a never-submitted candidate that is not in the plan',
        params: CandidateParams,
      },
    },
    async (req) => deleteCandidate(deps, requireOrgActor(req), req.params.id, req.params.appId),
  );

  app.post(
    '/api/workplans/:id/candidates/:appId/include',
    {
      config: { access: LEADER },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Take a compared and selected candidate into the plan (4.1.c; caps 3.1.b, 3.1.c)',
        params: CandidateParams,
        body: WorkplanStepInput,
      },
    },
    async (req) => includeCandidate(deps, requireOrgActor(req), req.params.id, req.params.appId, req.body),
  );

  app.post(
    '/api/workplans/:id/candidates/:appId/exclude',
    {
      config: { access: LEADER },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Take a candidate out of the plan',
        params: CandidateParams,
        body: WorkplanStepInput,
      },
    },
    async (req) => excludeCandidate(deps, requireOrgActor(req), req.params.id, req.params.appId, req.body),
  );

  app.post(
    '/api/workplans/:id/comparisons',
    {
      config: { access: LEADER },
      schema: {
        response: { 201: WorkplanViewOut },
        tags,
        summary: 'Record an argument-and-comparison meeting (4.1.c)',
        params: IdParams,
        body: ComparisonInput,
      },
    },
    async (req, reply) => reply.status(201).send(await recordComparison(deps, requireOrgActor(req), req.params.id, req.body)),
  );

  app.post(
    '/api/workplans/:id/rule-decisions',
    {
      config: { access: BUREAU },
      schema: {
        response: { 201: WorkplanViewOut },
        tags,
        summary: 'Override an in-principle rule of the plan (3.1.h) with a written reason',
        params: IdParams,
        body: WorkplanRuleDecisionInput,
      },
    },
    async (req, reply) => reply.status(201).send(await recordRuleDecision(deps, requireUser(req), req.params.id, req.body)),
  );

  app.post(
    '/api/workplans/:id/finalise',
    {
      config: { access: LEADER },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Finalise the plan; blocking rules answer 422 and nothing changes',
        params: IdParams,
        body: WorkplanStepInput,
      },
    },
    async (req) => finaliseWorkplan(deps, requireOrgActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/workplans/:id/reopen',
    {
      config: { access: BUREAU },
      schema: {
        response: { 200: WorkplanViewOut },
        tags,
        summary: 'Send a finalised plan back to draft, with a reason',
        params: IdParams,
        body: ReopenWorkplanInput,
      },
    },
    async (req) => reopenWorkplan(deps, requireUser(req), req.params.id, req.body),
  );
}
