import {
  AssignmentAdd,
  AssignmentDraw,
  AssignmentListOut,
  AssignmentOut,
  AssignmentRemove,
  AssignmentRunOut,
  AssignmentSolveInput,
  ConflictListOut,
  ConflictListQuery,
  EligibleListOut,
  EligibleQuery,
  ReviewCreate,
  ReviewListOut,
  ReviewOut,
  ReviewSettingsPatch,
  ReviewTransition,
} from '@rdplan/domain';
import { z } from 'zod';
import { addAssignment } from '../commands/review/assign/add-assignment.js';
import { closeReview } from '../commands/review/assign/close-review.js';
import { createReview } from '../commands/review/assign/create-review.js';
import { drawAssignments } from '../commands/review/assign/draw.js';
import { getReview, listAllReviews } from '../commands/review/assign/get-review.js';
import { listAssignments, listConflicts, listEligible } from '../commands/review/assign/read-assignment.js';
import { releaseReview } from '../commands/review/assign/release-review.js';
import { removeAssignment } from '../commands/review/assign/remove-assignment.js';
import { solveReview } from '../commands/review/assign/solve.js';
import { updateReviewSettings } from '../commands/review/assign/update-settings.js';
import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

const CallParams = z.strictObject({ callId: z.string().uuid() });
const ReviewParams = z.strictObject({ reviewId: z.string().uuid() });
const AssignmentParams = ReviewParams.extend({ assignmentId: z.string().uuid() });

/** Reviews of calls, conflicts and assignment (issue 5; docs/review.md). Applicants and experts reach none of it. */
export async function reviewAssignmentRoutes(app: RouteScope, deps: Deps): Promise<void> {
  app.get(
    '/api/reviews',
    {
      config: { access: ['officer', 'admin'] },
      schema: { tags: ['review'], summary: 'Reviews of calls', response: { 200: ReviewListOut } },
    },
    async (req) => listAllReviews(deps, req.actor),
  );

  app.post(
    '/api/calls/:callId/review',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: "Open the review of a published call (its formal_passed applications), in 'setup'",
        params: CallParams,
        body: ReviewCreate,
        response: { 201: ReviewOut },
      },
    },
    async (req, reply) => reply.status(201).send(await createReview(deps, req.actor, req.params.callId, req.body)),
  );

  app.get(
    '/api/reviews/:reviewId',
    {
      config: { access: ['officer', 'admin'] },
      schema: {
        tags: ['review'],
        summary: 'A review with its applications and counts',
        params: ReviewParams,
        response: { 200: ReviewOut },
      },
    },
    async (req) => getReview(deps, req.actor, req.params.reviewId),
  );

  app.patch(
    '/api/reviews/:reviewId/settings',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Change the settings (all in setup; scoring settings until closed)',
        params: ReviewParams,
        body: ReviewSettingsPatch,
        response: { 200: ReviewOut },
      },
    },
    async (req) => updateReviewSettings(deps, req.actor, req.params.reviewId, req.body),
  );

  app.post(
    '/api/reviews/:reviewId/release',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Release the assignments to the experts (setup → scoring); every application needs k experts',
        params: ReviewParams,
        body: ReviewTransition,
        response: { 200: ReviewOut },
      },
    },
    async (req) => releaseReview(deps, req.actor, req.params.reviewId, req.body.reason),
  );

  app.post(
    '/api/reviews/:reviewId/close',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Close scoring (scoring → closed); every non-declined assignment must be submitted',
        params: ReviewParams,
        body: ReviewTransition,
        response: { 200: ReviewOut },
      },
    },
    async (req) => closeReview(deps, req.actor, req.params.reviewId, req.body.reason),
  );

  app.get(
    '/api/reviews/:reviewId/conflicts',
    {
      config: { access: ['officer', 'admin'] },
      schema: {
        tags: ['review'],
        summary: 'Conflicts of interest between the applications and the pool, with reasons',
        params: ReviewParams,
        querystring: ConflictListQuery,
        response: { 200: ConflictListOut },
      },
    },
    async (req) => listConflicts(deps, req.actor, req.params.reviewId, req.query.applicationId),
  );

  app.post(
    '/api/reviews/:reviewId/assignment/solve',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Optimal assignment over all eligible pairs (422 assignment_infeasible with the run in details)',
        params: ReviewParams,
        body: AssignmentSolveInput,
        response: { 200: AssignmentRunOut },
      },
    },
    async (req) => solveReview(deps, req.actor, req.params.reviewId, req.body.reason),
  );

  app.get(
    '/api/reviews/:reviewId/assignments',
    {
      config: { access: ['officer', 'admin'] },
      schema: {
        tags: ['review'],
        summary: 'Assignments, loads against caps and the last solver run',
        params: ReviewParams,
        response: { 200: AssignmentListOut },
      },
    },
    async (req) => listAssignments(deps, req.actor, req.params.reviewId),
  );

  app.get(
    '/api/reviews/:reviewId/eligible',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Experts who may take an application, best affinity first',
        params: ReviewParams,
        querystring: EligibleQuery,
        response: { 200: EligibleListOut },
      },
    },
    async (req) => listEligible(deps, req.actor, req.params.reviewId, req.query.applicationId),
  );

  app.post(
    '/api/reviews/:reviewId/assignments',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Add an expert by hand (422 conflict_of_interest or review_limit)',
        params: ReviewParams,
        body: AssignmentAdd,
        response: { 201: AssignmentOut },
      },
    },
    async (req, reply) => reply.status(201).send(await addAssignment(deps, req.actor, req.params.reviewId, req.body)),
  );

  app.delete(
    '/api/reviews/:reviewId/assignments/:assignmentId',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Remove an assignment with a reason (never once its scores are submitted)',
        params: AssignmentParams,
        body: AssignmentRemove,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeAssignment(deps, req.actor, req.params.reviewId, req.params.assignmentId, req.body.reason);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/reviews/:reviewId/assignments/draw',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['review'],
        summary: 'Random draw among eligible experts not on the application (count defaults to the gap to k)',
        params: ReviewParams,
        body: AssignmentDraw,
        response: { 201: z.object({ items: z.array(AssignmentOut) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await drawAssignments(deps, req.actor, req.params.reviewId, req.body)),
  );
}
