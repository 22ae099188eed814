import {
  ApprovalCandidateListOut,
  ApprovalCandidateQuery,
  ApprovalDecisionInput,
  ApprovalDecisionListOut,
  ApprovalDecisionOut,
  ProjectCodeParams,
  ProjectListOut,
  ProjectListQuery,
  ProjectOut,
  type Role,
} from '@rdplan/domain';
import { approveProjects } from '../commands/approvals/approve.js';
import { approvalCandidates, getProject, listDecisions, listProjects } from '../commands/approvals/read.js';
import type { Deps } from '../context.js';
import { requireUser, type RouteScope } from './helpers.js';

const READERS: Role[] = ['officer', 'admin', 'analyst'];
const tags = ['approvals'];

/** Approval and recognition after the notice: batch decisions with their 文号, projects with stable codes. */
export async function approvalsRoutes(app: RouteScope, deps: Deps): Promise<void> {
  app.post(
    '/api/approvals',
    {
      config: { access: ['officer'] },
      schema: {
        tags,
        operationId: 'approveProjects',
        summary: 'Approve (3.1–3.3) or recognise (3.4) projects in one batch decision with its reference number (文号)',
        description:
          'Each application must have been on a notice that has ended with no open objection (4.3.b); 409 not_approvable lists every refusal; all or nothing.',
        body: ApprovalDecisionInput,
        response: { 201: ApprovalDecisionOut },
      },
    },
    async (req, reply) => reply.status(201).send(await approveProjects(deps, requireUser(req), req.body)),
  );

  app.get(
    '/api/approvals',
    {
      config: { access: READERS },
      schema: {
        tags,
        operationId: 'listApprovalDecisions',
        summary: 'Batch approval decisions, optionally of one plan, with their projects',
        querystring: ProjectListQuery,
        response: { 200: ApprovalDecisionListOut },
      },
    },
    async (req) => listDecisions(deps, requireUser(req), req.query.planId),
  );

  app.get(
    '/api/approvals/candidates',
    {
      config: { access: READERS },
      schema: {
        tags,
        operationId: 'listApprovalCandidates',
        summary: "The projects on the plan's notices, each with what holds its decision (4.3.b) or its project code once approved",
        querystring: ApprovalCandidateQuery,
        response: { 200: ApprovalCandidateListOut },
      },
    },
    async (req) => approvalCandidates(deps, requireUser(req), req.query.planId),
  );

  app.get(
    '/api/projects',
    {
      config: { access: READERS },
      schema: {
        tags,
        operationId: 'listProjects',
        summary: 'Approved and recognised projects by code, optionally of one plan',
        querystring: ProjectListQuery,
        response: { 200: ProjectListOut },
      },
    },
    async (req) => listProjects(deps, requireUser(req), req.query.planId),
  );

  app.get(
    '/api/projects/:code',
    {
      config: { access: READERS },
      schema: {
        tags,
        operationId: 'getProject',
        summary: 'One project by its stable code (e.g. GZ-2026-3.2-0007)',
        params: ProjectCodeParams,
        response: { 200: ProjectOut },
      },
    },
    async (req) => getProject(deps, requireUser(req), req.params.code),
  );
}
