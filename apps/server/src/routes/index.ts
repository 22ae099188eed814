import type { Deps } from '../context.js';
import { authRoutes } from './auth.js';
import { healthRoutes } from './health.js';
import type { RouteScope } from './helpers.js';
import { organisationRoutes } from './organisations.js';
import { peopleRoutes } from './people.js';
import { referenceRoutes } from './reference.js';
import { userRoutes } from './users.js';
import { plansRoutes } from './plans.js';
import { callsRoutes } from './calls.js';
import { nationalRoutes } from './national.js';
import { workplansRoutes } from './workplans.js';
import { applicationsRoutes } from './applications.js';
import { rulesRoutes } from './rules.js';
import { nationalMatchingRoutes } from './national-matching.js';
import { nationalFollowupRoutes } from './national-followup.js';
import { nationalMapRoutes } from './national-map.js';
import { reviewExpertsRoutes } from './review-experts.js';
import { reviewAssignmentRoutes } from './review-assignment.js';
import { reviewScoringRoutes } from './review-scoring.js';
import { reviewSelectionRoutes } from './review-selection.js';
import { auditRoutes } from './audit.js';
import { noticesRoutes } from './notices.js';
import { approvalsRoutes } from './approvals.js';

/** Every route module, registered in this order. */
export const routes: ((app: RouteScope, deps: Deps) => Promise<void>)[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  organisationRoutes,
  referenceRoutes,
  peopleRoutes,
  plansRoutes,
  callsRoutes,
  nationalRoutes,
  workplansRoutes,
  applicationsRoutes,
  rulesRoutes,
  nationalMatchingRoutes,
  nationalFollowupRoutes,
  nationalMapRoutes,
  reviewExpertsRoutes,
  reviewAssignmentRoutes,
  reviewScoringRoutes,
  reviewSelectionRoutes,
  auditRoutes,
  noticesRoutes,
  approvalsRoutes,
];
