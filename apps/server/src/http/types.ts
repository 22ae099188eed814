import type { Role } from '@rdplan/domain';
import type { SessionUser } from '../auth/sessions.js';
import type { Actor, Deps } from '../context.js';

/**
 * Who may call a route, declared on every route and enforced before the handler runs:
 * 'public' (anyone), 'authenticated' (any signed-in user), or a list of roles.
 * Finer checks (whose record it is) happen again in the command.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string; access: Access }[];
    /** What the app's commands run with (database, configuration, clock, job queue, blob store): tests and tools reach it here. */
    deps: Deps;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Mutating routes that must work before a session exists still need the CSRF token. */
    skipCsrf?: boolean;
    /** A route answering a file instead of JSON: its media types, for the OpenAPI document. */
    produces?: readonly string[];
  }
  interface FastifyRequest {
    actor: Actor;
    session: SessionUser | null;
    /** The CSRF token this client must send in x-csrf-token on mutating requests. */
    csrfToken: string;
  }
}
