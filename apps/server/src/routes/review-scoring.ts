import {
  DeclarationInput,
  ExpertReviewOut,
  ExpertTaskListOut,
  ExpertTaskOut,
  PanelInput,
  PanelOut,
  ResultsOut,
  ScoreSave,
  type Role,
} from '@rdplan/domain';
import { z } from 'zod';
import { declare } from '../commands/review/scoring/declare.js';
import { recordPanel } from '../commands/review/scoring/panel.js';
import { getResults } from '../commands/review/scoring/results-read.js';
import { saveScores, submitScores } from '../commands/review/scoring/save.js';
import { listExpertTasks } from '../commands/review/scoring/tasks.js';
import { getExpertTask } from '../commands/review/scoring/view.js';
import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

const EXPERTS: Role[] = ['expert'];
const READERS: Role[] = ['officer', 'admin'];
const OFFICERS: Role[] = ['officer'];

const TaskParams = z.strictObject({ assignmentId: z.string().uuid() });
const ReviewParams = z.strictObject({ reviewId: z.string().uuid() });
const PanelParams = ReviewParams.extend({ applicationId: z.string().uuid() });
const SubmitInput = z.strictObject({ version: z.number().int().min(0).optional() });

/** Scoring, aggregation, ranking and panel records (issue 5; docs/review.md). */
export async function reviewScoringRoutes(app: RouteScope, deps: Deps): Promise<void> {
  app.get(
    '/api/review/tasks',
    {
      config: { access: EXPERTS },
      schema: {
        tags: ['review'],
        summary: "The signed-in expert's own assignments in released reviews",
        description: 'The applicant is not named under blind review.',
        response: { 200: ExpertTaskListOut },
      },
    },
    async (req) => listExpertTasks(deps.db, req.actor),
  );

  app.post(
    '/api/review/tasks/:assignmentId/declaration',
    {
      config: { access: EXPERTS },
      schema: {
        tags: ['review'],
        summary: 'Declare no conflict (the application opens) or a conflict (the assignment is declined)',
        description: 'Once per assignment (409 on a second declaration); only while the review is in scoring.',
        params: TaskParams,
        body: DeclarationInput,
        response: { 200: ExpertTaskOut },
      },
    },
    async (req) => declare(deps, req.actor, req.params.assignmentId, req.body),
  );

  app.get(
    '/api/review/tasks/:assignmentId',
    {
      config: { access: EXPERTS },
      schema: {
        tags: ['review'],
        summary: 'The application as the assigned expert sees it, with the criteria, own scores and (after submitting) the others',
        description: '403 until no conflict is declared; 404 for another expert’s assignment.',
        params: TaskParams,
        response: { 200: ExpertReviewOut },
      },
    },
    async (req) => getExpertTask(deps, req.actor, req.params.assignmentId),
  );

  app.put(
    '/api/review/tasks/:assignmentId/scores',
    {
      config: { access: EXPERTS },
      schema: {
        tags: ['review'],
        summary: 'Save scores per criterion (value on the scale or null = not applicable) and comments',
        description: '409 conflict when the version is stale; 409 state_conflict once submitted.',
        params: TaskParams,
        body: ScoreSave,
        response: { 200: ExpertReviewOut },
      },
    },
    async (req) => saveScores(deps, req.actor, req.params.assignmentId, req.body),
  );

  app.post(
    '/api/review/tasks/:assignmentId/submit',
    {
      config: { access: EXPERTS },
      schema: {
        tags: ['review'],
        summary: 'Submit the scores: every criterion scored or marked not applicable',
        description: 'Stores the weighted total; a repeated submit answers the same view and changes nothing.',
        params: TaskParams,
        body: SubmitInput.optional(),
        response: { 200: ExpertReviewOut },
      },
    },
    async (req) => submitScores(deps, req.actor, req.params.assignmentId, req.body?.version),
  );

  app.get(
    '/api/reviews/:reviewId/results',
    {
      config: { access: READERS },
      schema: {
        tags: ['review'],
        summary: 'Aggregated scores, outliers, ranks in the call and per group, and the panel records',
        params: ReviewParams,
        response: { 200: ResultsOut },
      },
    },
    async (req) => getResults(deps, req.actor, req.params.reviewId),
  );

  app.put(
    '/api/reviews/:reviewId/panels/:applicationId',
    {
      config: { access: OFFICERS },
      schema: {
        tags: ['review'],
        summary: "Record the panel's opinion and recommendation on an application",
        params: PanelParams,
        body: PanelInput,
        response: { 200: PanelOut },
      },
    },
    async (req) => recordPanel(deps, req.actor, req.params.reviewId, req.params.applicationId, req.body),
  );
}
