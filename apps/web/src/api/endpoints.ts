/** Typed wrappers for the server's endpoints. */
import { api, type Query } from './client';
import type {
  CalendarDay,
  CalendarYear,
  Chain,
  Field,
  FieldNode,
  MembersResponse,
  Organisation,
  OrganisationGroup,
  Paged,
  Person,
  PersonSummary,
  RegistrationRow,
  UserRow,
} from './types';

export const endpoints = {
  chains: () => api.get<Chain[]>('/api/chains'),
  updateChain: (id: string, body: { nameZh?: string; nameEn?: string; active?: boolean; reason?: string }) =>
    api.patch<Chain>(`/api/chains/${id}`, body),
  setChainLeaders: (id: string, body: { orgIds: string[]; reason?: string }) => api.put<Chain>(`/api/chains/${id}/leaders`, body),
  fields: () => api.get<FieldNode[]>('/api/fields'),
  createField: (body: { code: string; nameZh: string; nameEn: string; parentCode?: string | null; active?: boolean; reason?: string }) =>
    api.post<Field>('/api/fields', body),
  updateField: (
    id: string,
    body: { code?: string; nameZh?: string; nameEn?: string; parentCode?: string | null; active?: boolean; reason?: string },
  ) => api.patch<Field>(`/api/fields/${id}`, body),
  calendar: (year: number) => api.get<CalendarYear>(`/api/calendar/${year}`),
  saveCalendar: (year: number, days: CalendarDay[]) => api.put<CalendarYear>(`/api/calendar/${year}`, { days }),
  organisations: (q: Query) => api.get<Paged<Organisation>>('/api/organisations', q),
  organisation: (id: string) => api.get<Organisation>(`/api/organisations/${id}`),
  organisationGroup: (id: string) => api.get<OrganisationGroup>(`/api/organisations/${id}/group`),
  updateOrganisation: (id: string, body: { address: string | null }) => api.patch<Organisation>(`/api/organisations/${id}`, body),
  people: (q: Query) => api.get<Paged<PersonSummary>>('/api/people', q),
  person: (id: string) => api.get<Person>(`/api/people/${id}`),
  expertProfile: () => api.get<Person>('/api/me/expert-profile'),
  updateExpertProfile: (body: { fieldCodes?: string[]; keywords?: string[] }) => api.patch<Person>('/api/me/expert-profile', body),
  users: (q: Query) => api.get<Paged<UserRow>>('/api/users', q),
  createUser: (body: unknown) => api.post<UserRow>('/api/users', body),
  updateUser: (id: string, body: unknown) => api.patch<UserRow>(`/api/users/${id}`, body),
  unlockUser: (id: string) => api.post<UserRow>(`/api/users/${id}/unlock`),
  registrations: () => api.get<RegistrationRow[]>('/api/registrations'),
  reviewRegistration: (id: string, body: { decision: 'approve' | 'reject'; reason?: string }) =>
    api.post<UserRow>(`/api/registrations/${id}`, body),
  members: () => api.get<MembersResponse>('/api/org/members'),
  invite: (body: { email: string; name: string; role: string }) => api.post<unknown>('/api/org/invitations', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<null>('/api/auth/password', body),
  register: (body: unknown) => api.post<{ orgName: string; status: 'pending' }>('/api/auth/register', body),
  requestPasswordReset: (body: { email: string }) => api.post<{ status: 'accepted' }>('/api/auth/password-reset/request', body),
  resetPassword: (body: { token: string; password: string }) => api.post<null>('/api/auth/password-reset', body),
  acceptInvitation: (body: { token: string; password: string; name?: string }) => api.post<unknown>('/api/auth/invitations/accept', body),
};
