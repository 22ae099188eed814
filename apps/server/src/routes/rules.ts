import { DEFAULT_PLAN_PARAMS, PARAM_META, RULE_CATALOGUE } from '@rdplan/domain';
import { z } from 'zod';
import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

const TextOut = z.object({ zh: z.string(), en: z.string() });

/** The policy as the software decides it: every rule code with its clause, and every parameter with its default. */
export async function rulesRoutes(app: RouteScope, deps: Deps) {
  void deps;
  app.get(
    '/api/rules',
    {
      config: { access: 'public' },
      schema: {
        tags: ['rules'],
        summary: 'Every rule the software decides (code, clause, parameters) and the plan parameters with the seed’s defaults',
        response: {
          200: z.object({
            rules: z.array(
              z.object({ code: z.string(), clause: TextOut, params: z.array(z.string()), inPrinciple: z.boolean(), scope: z.string() }),
            ),
            params: z.array(z.object({ key: z.string(), rule: z.string(), unit: z.string(), label: TextOut, default: z.unknown() })),
          }),
        },
      },
    },
    async () => ({
      rules: RULE_CATALOGUE,
      params: Object.entries(PARAM_META).map(([key, meta]) => ({
        key,
        rule: meta.rule,
        unit: meta.unit,
        label: meta.label,
        default: DEFAULT_PLAN_PARAMS[key as keyof typeof DEFAULT_PLAN_PARAMS],
      })),
    }),
  );
}
