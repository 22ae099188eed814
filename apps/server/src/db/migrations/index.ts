import type { Migration } from 'kysely';
import * as foundation from './2026-11-24-01-foundation.js';
import * as tracks from './2026-11-24-02-tracks.js';
import * as national from './2026-11-24-03-national.js';
import * as map from './2026-11-24-04-map.js';
import * as review from './2026-11-24-05-review.js';
import * as mapRollup from './2026-11-24-06-map-rollup.js';
import * as fieldBudgets from './2026-11-24-07-field-budgets.js';
import * as jobs from './2026-12-07-01-jobs.js';
import * as blobs from './2026-12-07-02-blobs.js';
import * as rateLimits from './2026-12-07-03-rate-limits.js';
import * as auditAnchor from './2026-12-07-04-audit-anchor.js';
import * as passwordReset from './2026-12-07-05-password-reset.js';
import * as notice from './2026-12-08-01-notice.js';
import * as noticeApproval from './2026-12-08-01-notice-approval.js';
import * as policy from './2026-12-08-02-policy.js';
import * as auditSeal from './2026-12-08-03-audit-seal.js';

/** Every migration in order of its dated name. Add new ones at the end; never edit one that shipped. */
export const migrations: Record<string, Migration> = {
  '2026-11-24-01-foundation': foundation,
  '2026-11-24-02-tracks': tracks,
  '2026-11-24-03-national': national,
  '2026-11-24-04-map': map,
  '2026-11-24-05-review': review,
  '2026-11-24-06-map-rollup': mapRollup,
  '2026-11-24-07-field-budgets': fieldBudgets,
  '2026-12-07-01-jobs': jobs,
  '2026-12-07-02-blobs': blobs,
  '2026-12-07-03-rate-limits': rateLimits,
  '2026-12-07-04-audit-anchor': auditAnchor,
  '2026-12-07-05-password-reset': passwordReset,
  '2026-12-08-01-notice': notice,
  '2026-12-08-01-notice-approval': noticeApproval,
  '2026-12-08-02-policy': policy,
  '2026-12-08-03-audit-seal': auditSeal,
};
