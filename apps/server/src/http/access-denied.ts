import { AppError } from '@rdplan/domain';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../context.js';
// The request's actor (http/types.ts augments FastifyRequest).
import type {} from './types.js';

/**
 * A user asked for a record that is not theirs. It answers 404, exactly as for a record that does not
 * exist (so ids leak nothing), and the error handler logs the attempt as a security event.
 */
export class AccessDenied extends AppError {
  constructor(
    readonly entityType: string,
    readonly entityId: string,
  ) {
    super('not_found');
  }
}

/** Records a refused access attempt (a user asking for what is not theirs). */
export async function logDenied(deps: Deps, req: FastifyRequest, kind: string, details: unknown = null) {
  req.log.warn({ kind, userId: req.actor.userId, url: req.url }, 'access denied');
  await deps.db
    .insertInto('security_events')
    .values({
      kind,
      user_id: req.actor.userId,
      method: req.method,
      url: req.url.slice(0, 500),
      ip: req.ip,
      details: details === null ? null : JSON.stringify(details),
    })
    .execute();
}
