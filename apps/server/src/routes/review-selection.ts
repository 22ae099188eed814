import {
  FieldBudgetInput,
  OverlapDecide,
  OverlapFlagOut,
  OverlapListOut,
  SelectionConfirm,
  SelectionPinInput,
  SelectionViewOut,
  type Role,
} from '@rdplan/domain';
import { z } from 'zod';
import { decideOverlap } from '../commands/review/overlap/decide-overlap.js';
import { listOverlaps } from '../commands/review/overlap/list-overlaps.js';
import { scanOverlaps } from '../commands/review/overlap/scan-overlaps.js';
import { confirmSelection } from '../commands/review/selection/confirm.js';
import { getSelection } from '../commands/review/selection/get-selection.js';
import { pinCandidate } from '../commands/review/selection/pin.js';
import { setFieldBudget } from '../commands/review/selection/field-budget.js';
import type { Deps } from '../context.js';
import { requireUser, type RouteScope } from './helpers.js';

const READERS: Role[] = ['officer', 'admin'];
const WRITERS: Role[] = ['officer'];
const tags = ['review'];

const PlanParams = z.strictObject({ planId: z.string().uuid() });
const PinParams = PlanParams.extend({ applicationId: z.string().uuid() });
const FieldParams = PlanParams.extend({
  fieldCode: z
    .string()
    .trim()
    .regex(/^F\d{2}$/, { message: 'a field (领域) code such as F07; 3.2.g selects by field' }),
});
const ReviewParams = z.strictObject({ reviewId: z.string().uuid() });
const FlagParams = z.strictObject({ flagId: z.string().uuid() });

/** Selection per plan and overlap flags (issue 5; docs/review.md). */
export async function reviewSelectionRoutes(app: RouteScope, deps: Deps): Promise<void> {
  app.get(
    '/api/plans/:planId/selection',
    {
      config: { access: READERS },
      schema: {
        response: { 200: SelectionViewOut },
        tags,
        summary: "The plan's selection: candidates, the three objectives side by side with rank-and-cut, comparison records",
        description:
          'Candidates are the reviewed consortium (3.1) and backfill (3.2) applications, ranked in one order by score. Answers SelectionOut.',
        params: PlanParams,
      },
    },
    async (req) => getSelection(deps, requireUser(req), req.params.planId),
  );

  app.put(
    '/api/plans/:planId/selection/pins/:applicationId',
    {
      config: { access: WRITERS },
      schema: {
        response: { 200: SelectionViewOut },
        tags,
        summary: 'Pin a candidate in or out of the selection (null removes the pin), with a reason',
        params: PinParams,
        body: SelectionPinInput,
      },
    },
    async (req) => pinCandidate(deps, requireUser(req), req.params.planId, req.params.applicationId, req.body),
  );

  app.put(
    '/api/plans/:planId/selection/fields/:fieldCode',
    {
      config: { access: WRITERS },
      schema: {
        response: { 200: SelectionViewOut },
        tags,
        summary: "Set one field's allotment for the selection (3.2.g): budget and / or number of projects; both null removes it",
        params: FieldParams,
        body: FieldBudgetInput,
      },
    },
    async (req) => setFieldBudget(deps, requireUser(req), req.params.planId, req.params.fieldCode, req.body),
  );

  app.post(
    '/api/plans/:planId/selection/confirm',
    {
      config: { access: WRITERS },
      schema: {
        response: { 200: SelectionViewOut },
        tags,
        summary: 'Confirm the selection with an objective: funded → selected, the others → not_selected',
        description: 'Needs every review of the plan closed (409 listing the open ones) and a feasible plan; once per plan.',
        params: PlanParams,
        body: SelectionConfirm,
      },
    },
    async (req) => confirmSelection(deps, requireUser(req), req.params.planId, req.body),
  );

  app.post(
    '/api/reviews/:reviewId/overlaps/scan',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: "Scan the review's applications for overlaps (一题多报) with other applications and national records",
        params: ReviewParams,
        response: { 200: OverlapListOut },
      },
    },
    async (req) => scanOverlaps(deps, requireUser(req), req.params.reviewId),
  );

  app.get(
    '/api/reviews/:reviewId/overlaps',
    {
      config: { access: READERS },
      schema: { tags, summary: "The review's overlap flags", params: ReviewParams, response: { 200: OverlapListOut } },
    },
    async (req) => listOverlaps(deps, requireUser(req), req.params.reviewId),
  );

  app.patch(
    '/api/overlaps/:flagId',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'Confirm or dismiss an overlap flag, with a note',
        params: FlagParams,
        body: OverlapDecide,
        response: { 200: OverlapFlagOut },
      },
    },
    async (req) => decideOverlap(deps, requireUser(req), req.params.flagId, req.body),
  );
}
