import { hasAnyRole } from '@rdplan/domain';
import type { FastifyInstance } from 'fastify';
import { findSession } from '../auth/sessions.js';
import { newToken, sameToken } from '../auth/tokens.js';
import { PUBLIC_ACTOR, type Actor, type Deps } from '../context.js';
import { logDenied } from './access-denied.js';
import { sendError } from './errors.js';

export const SESSION_COOKIE = 'rdplan_session';
export const CSRF_COOKIE = 'rdplan_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authenticate → CSRF → authorise, for every route, before the handler runs. Every route must declare
 * its access (the app refuses to start otherwise), so nothing is open by omission.
 */
export function registerSecurity(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);
  app.decorateRequest('csrfToken', '');

  app.addHook('onRoute', (route) => {
    // Every API route says who may call it; static files and the docs page are public by nature.
    if (route.config?.access === undefined && route.url.startsWith('/api')) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    const cookies = req.cookies;
    const token = cookies[SESSION_COOKIE];
    req.session = token ? await findSession(deps.db, token, deps.clock.now(), deps.config.session) : null;
    const s = req.session;
    req.actor = s ? { userId: s.userId, label: s.email, roles: s.roles, orgId: s.orgId, personId: s.personId } : PUBLIC_ACTOR;
    if (!s && token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // Double-submit token: a readable cookie the client echoes in a header. A signed-in session has its
    // own token, and the cookie follows it.
    const cookieCsrf = cookies[CSRF_COOKIE];
    req.csrfToken = s?.csrfToken ?? cookieCsrf ?? newToken();
    if (cookieCsrf !== req.csrfToken) {
      reply.setCookie(CSRF_COOKIE, req.csrfToken, { path: '/', sameSite: 'strict', secure: deps.config.secureCookies, httpOnly: false });
    }

    const access = req.routeOptions.config?.access;
    if (access === undefined) return; // not a declared route: the not-found handler answers

    if (UNSAFE.has(req.method) && req.url.startsWith('/api/') && !req.routeOptions.config.skipCsrf) {
      const header = req.headers[CSRF_HEADER];
      // Without a session the cookie must exist already: a token minted on this very request proves nothing.
      if (typeof header !== 'string' || !cookieCsrf || !sameToken(header, req.csrfToken)) {
        await logDenied(deps, req, 'csrf_failed');
        return sendError(req, reply, 'csrf_failed');
      }
    }

    if (access === 'public') return;
    if (!req.session) return sendError(req, reply, 'unauthenticated');
    if (access === 'authenticated') return;
    if (!hasAnyRole(req.session.roles, access)) {
      await logDenied(deps, req, 'role_denied', { required: access });
      return sendError(req, reply, 'forbidden');
    }
  });
}
