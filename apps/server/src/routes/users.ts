import { CreateUserInput, IdParams, Page, ReviewRegistrationInput, ROLES, UpdateUserInput, UserOut } from '@rdplan/domain';
import { sql } from 'kysely';
import { z } from 'zod';
import { reviewRegistration } from '../commands/auth/review-registration.js';
import { createUser } from '../commands/users/create-user.js';
import { unlockUser, updateUser } from '../commands/users/update-user.js';
import type { Deps } from '../context.js';
import { presentUser } from '../repositories/users.js';
import { requireOrgActor, type RouteScope } from './helpers.js';

const UserList = z.object({ total: z.number(), items: z.array(UserOut.extend({ orgName: z.string().nullable() })) });

export async function userRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'List user accounts',
        querystring: Page.extend({
          q: z.string().trim().max(100).optional(),
          role: z.enum(ROLES).optional(),
          status: z.enum(['pending', 'active', 'disabled']).optional(),
        }),
        response: { 200: UserList },
      },
    },
    async (req) => {
      const { page, pageSize, q, role, status } = req.query;
      let base = deps.db.selectFrom('users').leftJoin('organisations', 'organisations.id', 'users.org_id');
      if (q) base = base.where((eb) => eb.or([eb('users.email', 'ilike', `%${q}%`), eb('users.name', 'ilike', `%${q}%`)]));
      if (role) base = base.where(sql<boolean>`${role} = any(users.roles)`);
      if (status) base = base.where('users.status', '=', status);
      const [rows, count] = await Promise.all([
        base
          .selectAll('users')
          .select('organisations.name as org_name')
          .orderBy('users.created_at', 'desc')
          .orderBy('users.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { total: Number(count.n), items: rows.map((r) => ({ ...presentUser(r), orgName: r.org_name })) };
    },
  );

  app.post(
    '/api/users',
    {
      config: { access: ['admin'] },
      schema: { tags: ['users'], summary: 'Create a user account', body: CreateUserInput, response: { 201: UserOut } },
    },
    async (req, reply) => reply.status(201).send(await createUser(deps, req.actor, req.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Change roles, links or status',
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: UserOut },
      },
    },
    async (req) => updateUser(deps, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { access: ['admin'] },
      schema: { tags: ['users'], summary: 'Lift a sign-in lock', params: IdParams, response: { 200: UserOut } },
    },
    async (req) => unlockUser(deps, req.actor, req.params.id),
  );

  app.get(
    '/api/registrations',
    {
      config: { access: ['admin', 'officer'] },
      schema: {
        tags: ['users'],
        summary: 'Unit registrations awaiting confirmation',
        response: { 200: z.array(UserOut.extend({ orgName: z.string().nullable(), uscc: z.string().nullable() })) },
      },
    },
    async () => {
      const rows = await deps.db
        .selectFrom('users')
        .leftJoin('organisations', 'organisations.id', 'users.org_id')
        .selectAll('users')
        .select(['organisations.name as org_name', 'organisations.uscc'])
        .where('users.status', '=', 'pending')
        .orderBy('users.created_at')
        .execute();
      return rows.map((r) => ({ ...presentUser(r), orgName: r.org_name, uscc: r.uscc }));
    },
  );

  app.post(
    '/api/registrations/:id',
    {
      config: { access: ['admin', 'officer'] },
      schema: {
        tags: ['users'],
        summary: 'Confirm or refuse a unit registration',
        params: IdParams,
        body: ReviewRegistrationInput,
        response: { 200: UserOut },
      },
    },
    async (req) => reviewRegistration(deps, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/org/members',
    {
      config: { access: ['unit_admin'] },
      schema: {
        tags: ['organisation'],
        summary: "The unit's accounts and open invitations",
        response: {
          200: z.object({
            members: z.array(UserOut),
            invitations: z.array(
              z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), expiresAt: z.string() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const actor = requireOrgActor(req);
      const [members, invitations] = await Promise.all([
        deps.db.selectFrom('users').selectAll().where('org_id', '=', actor.orgId).orderBy('created_at').execute(),
        deps.db
          .selectFrom('invitations')
          .selectAll()
          .where('org_id', '=', actor.orgId)
          .where('accepted_at', 'is', null)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', deps.clock.now())
          .orderBy('created_at')
          .execute(),
      ]);
      return {
        members: members.map(presentUser),
        invitations: invitations.map((i) => ({
          id: i.id,
          email: i.email,
          name: i.name,
          role: i.role,
          expiresAt: i.expires_at.toISOString(),
        })),
      };
    },
  );
}
