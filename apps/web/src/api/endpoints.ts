/** The server's endpoints the shared pages call, through the client generated from the OpenAPI document. */
import { call, http } from './client';
import type { Body, Organisation, OrganisationListItem, QueryOf } from './types';

const id = (value: string) => ({ path: { id: value } });

export const endpoints = {
  chains: () => call(http.GET('/api/chains')),
  updateChain: (chainId: string, body: Body<'/api/chains/{id}', 'patch'>) =>
    call(http.PATCH('/api/chains/{id}', { params: id(chainId), body })),
  setChainLeaders: (chainId: string, body: Body<'/api/chains/{id}/leaders', 'put'>) =>
    call(http.PUT('/api/chains/{id}/leaders', { params: id(chainId), body })),
  fields: () => call(http.GET('/api/fields')),
  createField: (body: Body<'/api/fields', 'post'>) => call(http.POST('/api/fields', { body })),
  updateField: (fieldId: string, body: Body<'/api/fields/{id}', 'patch'>) =>
    call(http.PATCH('/api/fields/{id}', { params: id(fieldId), body })),
  calendar: (year: number) => call(http.GET('/api/calendar/{year}', { params: { path: { year } } })),
  saveCalendar: (year: number, days: Body<'/api/calendar/{year}', 'put'>['days']) =>
    call(http.PUT('/api/calendar/{year}', { params: { path: { year } }, body: { days } })),
  organisations: (query: QueryOf<'/api/organisations'>) => call(http.GET('/api/organisations', { params: { query } })),
  /** The registry as staff see it: every item is the full record. */
  registry: async (query: QueryOf<'/api/organisations'>) => {
    const { total, items } = await call(http.GET('/api/organisations', { params: { query } }));
    return { total, items: items.filter((o): o is Extract<OrganisationListItem, Organisation> => 'hnte' in o) };
  },
  organisation: (orgId: string) => call(http.GET('/api/organisations/{id}', { params: id(orgId) })),
  organisationGroup: (orgId: string) => call(http.GET('/api/organisations/{id}/group', { params: id(orgId) })),
  updateOrganisation: (orgId: string, body: Body<'/api/organisations/{id}', 'patch'>) =>
    call(http.PATCH('/api/organisations/{id}', { params: id(orgId), body })),
  people: (query: QueryOf<'/api/people'>) => call(http.GET('/api/people', { params: { query } })),
  person: (personId: string) => call(http.GET('/api/people/{id}', { params: id(personId) })),
  expertProfile: () => call(http.GET('/api/me/expert-profile')),
  updateExpertProfile: (body: Body<'/api/me/expert-profile', 'patch'>) => call(http.PATCH('/api/me/expert-profile', { body })),
  users: (query: QueryOf<'/api/users'>) => call(http.GET('/api/users', { params: { query } })),
  createUser: (body: Body<'/api/users', 'post'>) => call(http.POST('/api/users', { body })),
  updateUser: (userId: string, body: Body<'/api/users/{id}', 'patch'>) => call(http.PATCH('/api/users/{id}', { params: id(userId), body })),
  unlockUser: (userId: string) => call(http.POST('/api/users/{id}/unlock', { params: id(userId) })),
  registrations: () => call(http.GET('/api/registrations')),
  reviewRegistration: (userId: string, body: Body<'/api/registrations/{id}', 'post'>) =>
    call(http.POST('/api/registrations/{id}', { params: id(userId), body })),
  members: () => call(http.GET('/api/org/members')),
  invite: (body: Body<'/api/org/invitations', 'post'>) => call(http.POST('/api/org/invitations', { body })),
  changePassword: (body: Body<'/api/auth/password', 'post'>) => call(http.POST('/api/auth/password', { body })),
  register: (body: Body<'/api/auth/register', 'post'>) => call(http.POST('/api/auth/register', { body })),
  requestPasswordReset: (body: Body<'/api/auth/password-reset/request', 'post'>) =>
    call(http.POST('/api/auth/password-reset/request', { body })),
  resetPassword: (body: Body<'/api/auth/password-reset', 'post'>) => call(http.POST('/api/auth/password-reset', { body })),
  acceptInvitation: (body: Body<'/api/auth/invitations/accept', 'post'>) => call(http.POST('/api/auth/invitations/accept', { body })),
};
