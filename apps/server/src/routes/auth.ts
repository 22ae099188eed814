import {
  AcceptInvitationInput,
  ChangePasswordInput,
  InvitationOut,
  InviteMemberInput,
  LoginInput,
  RegisterUnitInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
  ROLES,
  UserOut,
} from '@rdplan/domain';
import { z } from 'zod';
import { acceptInvitation } from '../commands/auth/accept-invitation.js';
import { changePassword } from '../commands/auth/change-password.js';
import { inviteMember } from '../commands/auth/invite-member.js';
import { login } from '../commands/auth/login.js';
import { logout } from '../commands/auth/logout.js';
import { requestPasswordReset, resetPassword } from '../commands/auth/password-reset.js';
import { registerUnit } from '../commands/auth/register-unit.js';
import type { Deps } from '../context.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/security.js';
import { requireOrgActor, requireUser, type RouteScope } from './helpers.js';

const SessionUserOut = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  personId: z.string().nullable(),
});
const SessionOut = z.object({ user: SessionUserOut.nullable(), csrfToken: z.string() });

export async function authRoutes(app: RouteScope, deps: Deps) {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    maxAge: deps.config.session.absoluteHours * 3600,
  };

  async function sessionView(userId: string | null, csrfToken: string) {
    if (!userId) return { user: null, csrfToken };
    const u = await deps.db
      .selectFrom('users')
      .leftJoin('organisations', 'organisations.id', 'users.org_id')
      .select(['users.id', 'users.email', 'users.name', 'users.roles', 'users.org_id', 'users.person_id', 'organisations.name as org_name'])
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow();
    return {
      user: {
        id: u.id,
        email: u.email,
        name: u.name,
        roles: u.roles as never,
        orgId: u.org_id,
        orgName: u.org_name,
        personId: u.person_id,
      },
      csrfToken,
    };
  }

  app.get(
    '/api/auth/session',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Current session and CSRF token', response: { 200: SessionOut } } },
    async (req) => {
      // The security hook has set (or kept) the CSRF cookie; the client sends the same value back.
      return sessionView(req.session?.userId ?? null, req.csrfToken);
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimitPolicy: 'login' },
      schema: { tags: ['auth'], summary: 'Sign in', body: LoginInput, response: { 200: SessionOut } },
    },
    async (req, reply) => {
      const result = await login(deps, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
      reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieOptions, httpOnly: false, sameSite: 'strict' });
      return sessionView(result.user.id, result.csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } } },
    async (req, reply) => {
      await logout(deps, req.actor, req.session!.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Change own password', body: ChangePasswordInput, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await changePassword(deps, requireUser(req), req.session!.sessionId, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/register',
    {
      config: { access: 'public', rateLimitPolicy: 'register' },
      schema: {
        tags: ['auth'],
        summary:
          'Register an applicant unit by its credit code (pending until the bureau confirms); the same answer whether or not the e-mail has an account',
        body: RegisterUnitInput,
        response: { 202: z.object({ orgName: z.string(), status: z.literal('pending') }) },
      },
    },
    async (req, reply) => reply.status(202).send(await registerUnit(deps, req.body)),
  );

  app.post(
    '/api/auth/password-reset/request',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Forgot password: mails a one-time reset link when the address has an account; the same answer either way',
        body: RequestPasswordResetInput,
        response: { 202: z.object({ status: z.literal('accepted') }) },
      },
    },
    async (req, reply) => {
      await requestPasswordReset(deps, req.body, { ip: req.ip });
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: "Set a new password with the mailed link's token (once, within 30 minutes); ends the user's sessions",
        body: ResetPasswordInput,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await resetPassword(deps, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/invitations/accept',
    {
      config: { access: 'public', rateLimitPolicy: 'invitations' },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation and set a password',
        body: AcceptInvitationInput,
        response: { 201: UserOut },
      },
    },
    async (req, reply) => reply.status(201).send(await acceptInvitation(deps, req.body)),
  );

  app.post(
    '/api/org/invitations',
    {
      config: { access: ['unit_admin'], rateLimitPolicy: 'invitations' },
      schema: {
        tags: ['organisation'],
        summary: 'Invite a colleague to the unit',
        body: InviteMemberInput,
        response: { 201: InvitationOut },
      },
    },
    async (req, reply) => reply.status(201).send(await inviteMember(deps, requireOrgActor(req), req.body)),
  );
}
