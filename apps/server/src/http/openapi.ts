import { ERROR_CATALOGUE, ERROR_CODES, ErrorOut, ROLE_LABELS, type Role } from '@rdplan/domain';
import type { RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './security.js';
import type { Access } from './types.js';

/**
 * What the OpenAPI document says about every operation beyond its schemas, derived from what the route
 * already declares, so it cannot drift from what the server enforces:
 * - `security` from the route's `access` and method (the session cookie; the CSRF cookie and header on
 *   every mutating request, signed in or not), `x-roles` and a sentence naming the roles;
 * - the 4xx answers the security hook, the input check and the route's shape can give, each the error
 *   envelope with the catalogue codes of that status;
 * - a stable camelCase `operationId` from the method and path (generated clients name functions by it),
 *   unless the route's schema names one itself.
 */

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie set by POST /api/auth/login (httpOnly).',
  },
  csrfCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: CSRF_COOKIE,
    description: 'The CSRF cookie every response sets when it is missing (GET /api/auth/session is the handshake).',
  },
  csrfHeader: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description: 'The CSRF token (`csrfToken` of GET /api/auth/session), echoed on every POST, PUT, PATCH and DELETE.',
  },
} as const;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Refused',
  404: 'Not found (or not yours)',
  409: 'Conflict with the current state',
  413: 'Too large',
  415: 'Unsupported file or content type',
  422: 'Refused by a rule',
  423: 'Locked',
  429: 'Too many requests',
};

function errorResponse(status: number, codes: readonly string[]) {
  const listed = ERROR_CODES.filter((c) => ERROR_CATALOGUE[c].status === status && codes.includes(c));
  return {
    description: `${STATUS_TEXT[status] ?? 'Error'}: ${listed.map((c) => '`' + c + '`').join(', ')}`,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_COMPONENT}` } } },
  };
}

const codesOfStatus = (status: number) => ERROR_CODES.filter((c) => ERROR_CATALOGUE[c].status === status);

interface RouteShape {
  method: string;
  url: string;
  access: Access;
  skipCsrf: boolean;
  hasInput: boolean;
  hasParams: boolean;
  hasBody: boolean;
}

/** The 4xx answers an operation can give, by where they come from. */
export function errorResponses(route: RouteShape): Record<string, ReturnType<typeof errorResponse>> {
  const out: Record<string, ReturnType<typeof errorResponse>> = {};
  const add = (status: number, codes: readonly string[]) => {
    out[String(status)] = errorResponse(status, [...new Set([...codes])]);
  };
  const unsafe = UNSAFE.has(route.method);
  // The input check (NUL bytes, unpaired surrogates) and the schemas refuse bad input; body-specific codes with a body.
  if (route.hasInput || route.hasBody) add(400, codesOfStatus(400));
  if (route.access !== 'public') add(401, ['unauthenticated']);
  const refused = [...(unsafe && !route.skipCsrf ? ['csrf_failed'] : []), ...(route.access !== 'public' ? ['forbidden'] : [])];
  if (refused.length) add(403, refused);
  if (route.hasParams) add(404, ['not_found']);
  if (unsafe) {
    add(409, codesOfStatus(409));
    add(422, codesOfStatus(422));
  }
  if (route.hasBody) add(413, ['payload_too_large']);
  add(429, ['rate_limited']);
  return out;
}

export function securityOf(method: string, access: Access, skipCsrf: boolean): Record<string, string[]>[] {
  const csrf: Record<string, string[]> = UNSAFE.has(method) && !skipCsrf ? { csrfCookie: [], csrfHeader: [] } : {};
  if (access === 'public') return Object.keys(csrf).length ? [csrf] : [];
  return [{ session: [], ...csrf }];
}

function rolesSentence(access: Access): string {
  if (access === 'public') return 'Public: no sign-in needed.';
  if (access === 'authenticated') return 'Any signed-in user (what each role sees is narrowed by the server).';
  const roles = access.map((r: Role) => `${r} (${ROLE_LABELS[r].zh})`).join(', ');
  return `Roles: ${roles}.`;
}

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

const singular = (s: string) => (s.endsWith('ies') ? s.slice(0, -3) + 'y' : s.endsWith('ses') ? s.slice(0, -2) : s.replace(/s$/, ''));

/** Names that read better than the derivation's; keyed by method and path as Fastify declares it. */
const OPERATION_IDS: Record<string, string> = {
  'GET /healthz': 'getHealth',
  'GET /api/auth/session': 'getSession',
  'POST /api/auth/login': 'login',
  'POST /api/auth/logout': 'logout',
  'POST /api/auth/password': 'changePassword',
  'POST /api/auth/register': 'registerUnit',
  'POST /api/auth/password-reset/request': 'requestPasswordReset',
  'POST /api/auth/password-reset': 'resetPassword',
  'POST /api/auth/invitations/accept': 'acceptInvitation',
  'POST /api/org/invitations': 'inviteMember',
  'GET /api/org/members': 'listMembers',
  'POST /api/registrations/:id': 'decideRegistration',
  'GET /api/calendar/working-days': 'getWorkingDays',
  'GET /api/calendar/:year': 'getCalendarYear',
  'PUT /api/calendar/:year': 'setCalendarYear',
  'GET /api/organisations/import/template': 'getOrganisationImportTemplate',
  'POST /api/organisations/import': 'importOrganisations',
  'POST /api/national/import': 'importNationalRecords',
  'POST /api/national/matches/run': 'runNationalMatching',
  'POST /api/national/matches/:id': 'decideNationalMatch',
  'GET /api/national/map/export.xlsx': 'exportNationalMap',
  'GET /api/me/expert-profile': 'getMyExpertProfile',
  'PATCH /api/me/expert-profile': 'updateMyExpertProfile',
  'GET /api/rules': 'listRules',
  'GET /api/people': 'listPeople',
  'POST /api/people': 'createPerson',
  'GET /api/people/:id': 'getPerson',
  'PATCH /api/people/:id': 'updatePerson',
  'POST /api/people/:id/affiliations': 'addPersonAffiliation',
  'GET /api/national/followup': 'listNationalFollowup',
  'GET /api/national/followup/:nationalId': 'getNationalFollowup',
  'POST /api/organisations/:id/subsidiaries': 'addSubsidiary',
  'DELETE /api/organisations/:id/subsidiaries/:childId': 'removeSubsidiary',
  'POST /api/applications/:id/attachments': 'uploadAttachment',
  'DELETE /api/applications/:id/attachments/:attachmentId': 'removeAttachment',
  'POST /api/applications/:id/rule-decisions': 'decideApplicationRule',
  'POST /api/workplans/:id/rule-decisions': 'decideWorkplanRule',
  'POST /api/workplans/:id/candidates': 'addWorkplanCandidate',
  'POST /api/workplans/:id/comparisons': 'recordWorkplanComparison',
  'POST /api/applications/:id/formal-check': 'formalCheckApplication',
  'POST /api/applications/:id/exclusions': 'addExclusion',
  'DELETE /api/applications/:id/exclusions/:exclusionId': 'removeExclusion',
  'GET /api/applications/:id/exclusions': 'listExclusions',
  'POST /api/reviews/:reviewId/assignments': 'addAssignment',
  'DELETE /api/reviews/:reviewId/assignments/:assignmentId': 'removeAssignment',
  'GET /api/organisations/:id/group': 'getOrganisationGroup',
  'GET /api/national/map/backfill-candidates': 'listBackfillCandidates',
  'POST /api/reviews/:reviewId/assignment/solve': 'solveAssignment',
  'POST /api/reviews/:reviewId/assignments/draw': 'drawAssignments',
  'GET /api/reviews/:reviewId/eligible': 'listEligibleExperts',
  'POST /api/review/tasks/:assignmentId/declaration': 'declareConflict',
  'PUT /api/review/tasks/:assignmentId/scores': 'saveScores',
  'POST /api/review/tasks/:assignmentId/submit': 'submitScores',
  'GET /api/reviews/:reviewId/results': 'getReviewResults',
  'PUT /api/reviews/:reviewId/panels/:applicationId': 'setPanelRecord',
  'POST /api/reviews/:reviewId/overlaps/scan': 'scanOverlaps',
  'POST /api/calls/:callId/review': 'createReview',
  'PUT /api/plans/:planId/selection/pins/:applicationId': 'setSelectionPin',
  'PUT /api/plans/:planId/selection/fields/:fieldCode': 'setSelectionField',
  'POST /api/plans/:planId/selection/confirm': 'confirmSelection',
  'PUT /api/applications/:id/draft': 'saveApplicationDraft',
  'PUT /api/applications/:id/units': 'setApplicationUnits',
  'POST /api/applications/:id/units/confirm': 'confirmApplicationUnits',
  'GET /api/applications/:id/attachments/:attachmentId': 'downloadAttachment',
  'PUT /api/workplans/:id/members': 'setWorkplanMembers',
  'PUT /api/workplans/:id/experts': 'setWorkplanExperts',
};

/**
 * A camelCase name from the method and path: the last fixed segment names the thing, a segment after an
 * id is an action on it (`POST /api/applications/:id/submit` → submitApplication), a collection is
 * listed or created, an item got, updated, set or deleted.
 */
export function operationIdOf(method: string, url: string): string {
  const named = OPERATION_IDS[`${method} ${url}`];
  if (named) return named;
  const segments = url.split('/').filter((s) => s && s !== 'api');
  const isParam = (s: string | undefined) => s?.startsWith(':') ?? false;
  const last = segments[segments.length - 1]!;
  const statics = segments.filter((s) => !isParam(s));
  // The resource names, each singular when an id follows it (an item) or when it is not the last (a parent).
  const nouns = segments
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !isParam(s))
    .map(({ s, i }) => (i < segments.length - 1 ? singular(s) : s));
  const lastStatic = statics[statics.length - 1]!;
  if (isParam(last)) {
    const verb = { GET: 'get', PATCH: 'update', PUT: 'set', DELETE: 'delete', POST: 'update' }[method] ?? method.toLowerCase();
    return verb + pascal(nouns.join(' '));
  }
  const afterId = segments.length >= 2 && isParam(segments[segments.length - 2]);
  const plural = /s$/.test(lastStatic);
  if (method === 'POST' && !plural) {
    // an action on the thing before it
    return lastStatic.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) + pascal(nouns.slice(0, -1).join(' '));
  }
  const head = nouns.slice(0, -1).join(' ');
  const verb =
    method === 'GET'
      ? plural
        ? 'list'
        : 'get'
      : method === 'POST'
        ? 'create'
        : method === 'PUT'
          ? 'set'
          : method === 'PATCH'
            ? 'update'
            : 'delete';
  const thing =
    method === 'POST' && plural && !afterId ? singular(lastStatic) : method === 'POST' && plural ? singular(lastStatic) : lastStatic;
  return verb + pascal(`${head} ${thing}`);
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0] & { route: RouteOptions };

/** The error envelope's component name (ErrorOut is registered under it). */
export const ERROR_COMPONENT = String(ErrorOut.meta()?.id);

/** @fastify/swagger's transform: the zod schemas as JSON Schema, then security, roles, errors and the name. */
export function openApiTransform(input: TransformInput) {
  const { route } = input;
  const result = jsonSchemaTransform(input) as { schema: Record<string, unknown>; url: string };
  const access = route.config?.access;
  if (access === undefined) return result;
  const method = [route.method].flat()[0]!.toUpperCase();
  const skipCsrf = route.config?.skipCsrf === true;
  const source = (route.schema ?? {}) as Record<string, unknown>;
  const hasParams = source.params !== undefined;
  // Uploads (imports, attachments) read a multipart body without a body schema.
  const hasBody = UNSAFE.has(method) && (source.body !== undefined || /\/import$|\/attachments$/.test(route.url));
  const schema = { ...result.schema };
  schema.operationId ??= operationIdOf(method, route.url);
  schema.security = securityOf(method, access, skipCsrf);
  if (access !== 'public' && access !== 'authenticated') schema['x-roles'] = [...access];
  const note = rolesSentence(access) + (UNSAFE.has(method) && !skipCsrf ? ' Send the `x-csrf-token` header.' : '');
  schema.description = typeof schema.description === 'string' ? `${schema.description}\n\n${note}` : note;
  const shape: RouteShape = {
    method,
    url: route.url,
    access,
    skipCsrf,
    hasInput: hasParams || source.querystring !== undefined,
    hasParams,
    hasBody,
  };
  const files = route.config?.produces;
  const file = files && {
    200: {
      description: 'The file',
      content: Object.fromEntries(files.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    },
  };
  schema.response = { ...(schema.response as Record<string, unknown>), ...file, ...errorResponses(shape) };
  return { ...result, schema };
}

type TransformObjectInput = Parameters<typeof jsonSchemaTransformObject>[0];

/**
 * The document's components: the shared schemas registered with an id. The provider emits each under
 * two names (`X` for answers, `XInput` for requests); the ones no operation uses are left out.
 */
export function openApiTransformObject(input: TransformObjectInput): ReturnType<typeof jsonSchemaTransformObject> {
  const document = jsonSchemaTransformObject(input);
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
  if (!schemas) return document;
  for (;;) {
    const text = JSON.stringify(document);
    const unused = Object.keys(schemas).filter((name) => !text.includes(`"#/components/schemas/${name}"`));
    if (unused.length === 0) return document;
    for (const name of unused) delete schemas[name];
  }
}
