import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

export async function healthRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.string() }),
          503: z.object({ status: z.literal('unavailable'), database: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, database: 'ok' };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: 'unreachable' });
      }
    },
  );
}
