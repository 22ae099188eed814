import { Page, type Role } from '@rdplan/domain';
import { z } from 'zod';
import { matchNationalUnits } from '../commands/national/match-units.js';
import { reviewMatch } from '../commands/national/review-match.js';
import type { Deps } from '../context.js';
import { listMatches } from '../repositories/national-matching.js';
import { requireUser, type RouteScope } from './helpers.js';

const REVIEWERS: Role[] = ['analyst', 'officer', 'admin'];

const MatchesQuery = Page.extend({
  status: z.enum(['review', 'matched', 'unmatched', 'rejected']).default('review'),
});
const UnitParams = z.strictObject({ id: z.coerce.number().int().min(1) });
const Decision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('confirm'), orgId: z.uuid(), reason: z.string().trim().max(500).nullable().optional() }),
  z.strictObject({ decision: z.literal('reject'), reason: z.string().trim().max(500).nullable().optional() }),
]);

const CandidateOut = z.object({
  orgId: z.string(),
  name: z.string(),
  score: z.number(),
  uscc: z.string().nullable(),
  type: z.string().nullable(),
  regionCode: z.string().nullable(),
  formerNames: z.array(z.string()),
});
const MatchOut = z.object({
  id: z.number(),
  recordKind: z.enum(['application', 'project']),
  nationalId: z.string(),
  position: z.number(),
  role: z.enum(['lead', 'participant']),
  name: z.string(),
  uscc: z.string().nullable(),
  orgType: z.string().nullable(),
  regionCode: z.string().nullable(),
  status: z.enum(['matched', 'review', 'unmatched', 'rejected']),
  method: z.string().nullable(),
  confidence: z.number().nullable(),
  orgId: z.string().nullable(),
  /** A possible match by name only: the unit's valid credit code differs from the candidates' (never auto-linked). */
  codeConflict: z.boolean(),
  candidates: z.array(CandidateOut),
});

/** The analysts' review queue of uncertain links between national record units and the registry (4.2). */
export async function nationalMatchingRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/national/matches',
    {
      config: { access: REVIEWERS },
      schema: {
        tags: ['national'],
        summary: 'National record units by match status (default: the review queue), with candidates and their registry facts',
        querystring: MatchesQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(MatchOut) }) },
      },
    },
    async (req) => listMatches(deps.db, req.query),
  );

  app.post(
    '/api/national/matches/run',
    {
      config: { access: REVIEWERS },
      schema: {
        tags: ['national'],
        summary: 'Re-runs matching over every unmatched or review unit nobody decided',
        response: { 200: z.object({ matched: z.number(), review: z.number(), unmatched: z.number() }) },
      },
    },
    async () => matchNationalUnits(deps.db),
  );

  app.post(
    '/api/national/matches/:id',
    {
      config: { access: REVIEWERS },
      schema: {
        tags: ['national'],
        summary: 'Confirms a candidate (manual link) or rejects the unit’s match, audited',
        params: UnitParams,
        body: Decision,
        response: {
          200: z.object({
            id: z.number(),
            status: z.string(),
            orgId: z.string().nullable(),
            method: z.string().nullable(),
            confidence: z.number().nullable(),
          }),
        },
      },
    },
    async (req) => reviewMatch(deps, requireUser(req), req.params.id, req.body),
  );
}
