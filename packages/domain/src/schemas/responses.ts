/**
 * Response schemas shared by many routes: the error envelope, a rule's result and an officer's decision on
 * it (applications, work plans). The types stay those of errors.ts and policy/rule.ts; these describe the
 * same shapes for the OpenAPI document and the generated web client.
 */
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import { RULE_CODES } from '../policy/codes.js';
import { PlanParams } from '../policy/params.js';

export const TextOut = z.object({ zh: z.string(), en: z.string() }).meta({ id: 'Text' });

/** The plan parameters as answers carry them (the request schema's fields, without its cross-field checks). */
export const PlanParamsOut = z.object(PlanParams.shape).meta({ id: 'PlanParams' });

export const RuleDecisionOut = z
  .object({
    code: z.enum(RULE_CODES),
    kind: z
      .enum(['override', 'confirm', 'refuse'])
      .describe('override: an in-principle failure allowed; confirm / refuse: a needs-review result settled'),
    reason: z.string(),
    by: z.string(),
    at: z.string(),
  })
  .meta({ id: 'RuleDecision' });

export const RuleResultOut = z
  .object({
    code: z.enum(RULE_CODES),
    outcome: z.enum(['pass', 'fail', 'needs_review']),
    message: TextOut.describe('What the user reads, in both languages'),
    facts: z.record(z.string(), z.unknown()).describe('The facts the rule used'),
    params: z.object(PlanParams.shape).partial().describe('The plan parameters the rule read, with their values'),
    inPrinciple: z.boolean(),
    decision: RuleDecisionOut.nullable(),
    blocking: z.boolean(),
  })
  .meta({ id: 'RuleResult' });

/** The body of every 4xx and 5xx answer (errors.ts: one closed catalogue). */
export const ErrorOut = z
  .object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]).describe('A code of the closed error catalogue'),
    message: z.string().describe("The catalogue's message in the request's language (Accept-Language)"),
    details: z.unknown().describe('What the code needs to be acted on: field paths, rule codes, limits (null when none)'),
  })
  .meta({ id: 'Error' });
