import {
  AddAffiliationInput,
  CreatePersonInput,
  ExpertProfileInput,
  IdParams,
  PeopleListQuery,
  hasAnyRole,
  shanghaiDate,
  STAFF_ROLES,
  TITLE_LEVELS,
  UpdatePersonInput,
} from '@rdplan/domain';
import { z } from 'zod';
import { addAffiliation } from '../commands/people/add-affiliation.js';
import { createPerson } from '../commands/people/create-person.js';
import { getPerson } from '../commands/people/get-person.js';
import { getOwnExpertProfileWithAvailability, updateExpertProfile } from '../commands/people/update-expert-profile.js';
import { updatePerson } from '../commands/people/update-person.js';
import type { Deps } from '../context.js';
import { listPeople } from '../repositories/people.js';
import type { RouteScope } from './helpers.js';

const PersonSummaryOut = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  titleLevel: z.enum(TITLE_LEVELS),
  titleName: z.string().nullable(),
  fieldCodes: z.array(z.string()),
  keywords: z.array(z.string()),
  isExpert: z.boolean(),
  currentOrg: z.object({ id: z.string(), name: z.string(), position: z.string() }).nullable(),
});
const PersonOut = PersonSummaryOut.extend({
  fields: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), parentCode: z.string().nullable() })),
  affiliations: z.array(
    z.object({
      id: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      position: z.string(),
      from: z.string(),
      to: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** The expert's own record plus their review availability and load cap (issue 5). */
const ExpertProfileOut = PersonOut.extend({
  available: z.boolean(),
  unavailableUntil: z.string().nullable(),
  loadCap: z.number().int(),
});

export async function peopleRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/people',
    {
      config: { access: ['admin', 'officer', 'analyst', 'chain_leader'] },
      schema: {
        tags: ['people'],
        summary: 'Researchers and experts (a chain leader searches them for its core expert team, without e-mail addresses)',
        querystring: PeopleListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(PersonSummaryOut) }) },
      },
    },
    async (req) => {
      const found = await listPeople(deps.db, req.query, shanghaiDate(deps.clock.now()));
      if (hasAnyRole(req.actor.roles, STAFF_ROLES)) return found;
      return { ...found, items: found.items.map((p) => ({ ...p, email: null })) };
    },
  );

  app.get(
    '/api/people/:id',
    {
      config: { access: ['admin', 'officer', 'analyst', 'expert'] },
      schema: {
        tags: ['people'],
        summary: "A person's record (staff; an expert sees their own)",
        params: IdParams,
        response: { 200: PersonOut },
      },
    },
    async (req) => getPerson(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/people',
    {
      config: { access: ['admin', 'officer'] },
      schema: { tags: ['people'], summary: 'Add a researcher or expert', body: CreatePersonInput, response: { 201: PersonOut } },
    },
    async (req, reply) => reply.status(201).send(await createPerson(deps, req.actor, req.body)),
  );

  app.patch(
    '/api/people/:id',
    {
      config: { access: ['admin', 'officer'] },
      schema: {
        tags: ['people'],
        summary: "Change a person's record",
        params: IdParams,
        body: UpdatePersonInput,
        response: { 200: PersonOut },
      },
    },
    async (req) => updatePerson(deps, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/people/:id/affiliations',
    {
      config: { access: ['admin', 'officer'] },
      schema: {
        tags: ['people'],
        summary: 'Record a post (a current post ends the previous one the day before)',
        params: IdParams,
        body: AddAffiliationInput,
        response: { 200: PersonOut },
      },
    },
    async (req) => addAffiliation(deps, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/me/expert-profile',
    {
      config: { access: ['expert'] },
      schema: {
        tags: ['people'],
        summary: "The signed-in expert's own record, with availability and load cap",
        response: { 200: ExpertProfileOut },
      },
    },
    async (req) => getOwnExpertProfileWithAvailability(deps, req.actor),
  );

  app.patch(
    '/api/me/expert-profile',
    {
      config: { access: ['expert'] },
      schema: {
        tags: ['people'],
        summary: 'An expert updates their own fields, keywords and availability',
        body: ExpertProfileInput,
        response: { 200: ExpertProfileOut },
      },
    },
    async (req) => updateExpertProfile(deps, req.actor, req.body),
  );
}
