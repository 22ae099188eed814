import { AppError } from '@rdplan/domain';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../context.js';

/** A route module registers on a scope typed by zod schemas. */
export type RouteScope = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export function requireUser(req: FastifyRequest): Actor & { userId: string } {
  const actor = req.actor;
  if (!actor.userId) throw new AppError('unauthenticated');
  return actor as Actor & { userId: string };
}

/** The acting user of an organisation (unit roles and chain leaders act for their own unit). */
export function requireOrgActor(req: FastifyRequest): Actor & { userId: string; orgId: string } {
  const actor = requireUser(req);
  if (!actor.orgId) throw new AppError('forbidden');
  return actor as Actor & { userId: string; orgId: string };
}
