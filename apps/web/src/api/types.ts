/**
 * The answers of the server's endpoints as the pages name them, every one taken from the types generated
 * from the OpenAPI document (schema.d.ts, `npm run openapi`): none is written by hand here.
 */
import type { components, paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON answer of one status of a call. */
export type AnswerOf<P extends keyof paths, M extends Method, S extends number> = paths[P][M] extends { responses: infer R }
  ? R extends Record<S, infer A>
    ? Json<A>
    : never
  : never;

/** The JSON answer of a successful call (200, else 201). */
export type Answer<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : never
  : never;

/** The JSON body a call sends. */
export type Body<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query of a GET operation. */
export type QueryOf<P extends keyof paths> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** A page of a list: its total and items. */
export interface Paged<T> {
  total: number;
  items: T[];
}

export type SessionResponse = Answer<'/api/auth/session', 'get'>;
export type SessionUser = NonNullable<SessionResponse['user']>;

type ListedUser = Answer<'/api/users', 'get'>['items'][number];
/** A user account as the lists answer it (the administrators' list adds the organisation's name). */
export type UserRow = components['schemas']['User'] & Partial<Pick<ListedUser, 'orgName'>>;
export type UserStatus = UserRow['status'];
export type RegistrationRow = Answer<'/api/registrations', 'get'>[number];
export type MembersResponse = Answer<'/api/org/members', 'get'>;
export type Invitation = MembersResponse['invitations'][number];

type OrganisationDetail = Answer<'/api/organisations/{id}', 'get'>;
/** An organisation as the registry answers officers (the list's items; one by id adds parents, subsidiaries and creation). */
export type Organisation = Omit<OrganisationDetail, 'parents' | 'subsidiaries' | 'createdAt'> &
  Partial<Pick<OrganisationDetail, 'parents' | 'subsidiaries' | 'createdAt'>>;
/** An item of the registry search: the full record for staff, the directory entry for everyone else. */
export type OrganisationListItem = Answer<'/api/organisations', 'get'>['items'][number];

export type OrganisationGroup = Answer<'/api/organisations/{id}/group', 'get'>;
export type OrgSummary = OrganisationGroup['organisation'];
export type OrgSummaryWithShare = OrganisationGroup['parents'][number];

export type Chain = Answer<'/api/chains', 'get'>[number];
export type FieldNode = Answer<'/api/fields', 'get'>[number];
export type Field = Answer<'/api/fields', 'post'>;

export type CalendarYear = Answer<'/api/calendar/{year}', 'get'>;
export type CalendarDay = Body<'/api/calendar/{year}', 'put'>['days'][number];

export type PersonSummary = Answer<'/api/people', 'get'>['items'][number];
export type Person = Answer<'/api/people/{id}', 'get'>;
