import {
  AppError,
  APPLICATION_STATES,
  ApplicationListQuery,
  TRACKS,
  ConfirmUnitInput,
  CreateApplicationInput,
  FormalCheckInput,
  hasAnyRole,
  IdParams,
  ReasonInput,
  RecheckInput,
  RuleDecisionInput,
  SaveDraftInput,
  SetUnitsInput,
  SubmitInput,
  VerifyImplementationInput,
  type ApplicationView,
  type Role,
} from '@rdplan/domain';
import { z } from 'zod';
import { addAttachment } from '../commands/applications/add-attachment.js';
import { confirmUnit } from '../commands/applications/confirm-unit.js';
import { createApplication } from '../commands/applications/create-application.js';
import { decideRule } from '../commands/applications/decide-rule.js';
import { formalCheck } from '../commands/applications/formal-check.js';
import { recheckRecognition } from '../commands/applications/recheck-recognition.js';
import { removeAttachment } from '../commands/applications/remove-attachment.js';
import { saveDraft } from '../commands/applications/save-draft.js';
import { setUnits } from '../commands/applications/set-units.js';
import { submitApplication } from '../commands/applications/submit-application.js';
import { verifyImplementation } from '../commands/applications/verify-implementation.js';
import { loadForActor, viewById } from '../commands/applications/view.js';
import { withdrawApplication } from '../commands/applications/withdraw-application.js';
import type { Deps } from '../context.js';
import { listApplications } from '../repositories/applications.js';
import { isBlobNotFound } from '../storage/blobs.js';
import { receiveUpload } from '../http/uploads.js';
import type { RouteScope } from './helpers.js';
import { AccessDenied } from '../http/access-denied.js';

const UNITS: Role[] = ['unit_admin', 'unit_member', 'chain_leader'];
const READERS: Role[] = ['admin', 'officer', ...UNITS];

/** The application as the API answers it (shape: ApplicationView in @rdplan/domain). */
const ApplicationOut = z.looseObject({
  id: z.string(),
  track: z.string(),
  status: z.string(),
  version: z.number(),
  rules: z.array(z.looseObject({ code: z.string(), outcome: z.string(), blocking: z.boolean() })),
  project: z
    .object({
      code: z.string(),
      kind: z.enum(['approved', 'recognised']),
      docNumber: z.string(),
      decisionTitle: z.string(),
      approvedAmount: z.number().int(),
      approvedAt: z.string(),
    })
    .nullable(),
});
type ApplicationOut = z.infer<typeof ApplicationOut>;
/** ApplicationView is an interface without an index signature; the loose schema documents its main keys. */
const out = async (view: Promise<ApplicationView>): Promise<ApplicationOut> => (await view) as unknown as ApplicationOut;
const SummaryOut = z.object({
  id: z.string(),
  track: z.enum(TRACKS),
  status: z.enum(APPLICATION_STATES),
  title: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  callId: z.string(),
  callTitleZh: z.string(),
  fieldCode: z.string().nullable(),
  cityFunds: z.number().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  round: z.number(),
  participation: z.enum(['confirmed', 'declined', 'pending']).nullable(),
});
const AttachmentParams = z.strictObject({ id: z.string().uuid(), attachmentId: z.string().uuid() });
const AttachQuery = z.strictObject({ materialKey: z.string().trim().min(1).max(50) });

export async function applicationsRoutes(app: RouteScope, deps: Deps) {
  const now = () => deps.clock.now();

  app.get(
    '/api/applications',
    {
      config: { access: READERS },
      schema: {
        tags: ['applications'],
        summary: "Applications: a unit's own (or, with participating=true, those it takes part in); officers all",
        querystring: ApplicationListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(SummaryOut) }) },
      },
    },
    async (req) => {
      const q = req.query;
      const staff = hasAnyRole(req.actor.roles, ['admin', 'officer']);
      const orgId = req.actor.orgId;
      if (!staff && !orgId) throw new AppError('forbidden');
      const participating = q.participating === 'true';
      return listApplications(deps.db, {
        page: q.page,
        pageSize: q.pageSize,
        callId: q.callId,
        track: q.track,
        status: q.status,
        fieldCode: q.fieldCode,
        orgId: staff ? undefined : participating ? undefined : orgId!,
        participantOrgId: participating ? (orgId ?? undefined) : undefined,
      });
    },
  );

  app.post(
    '/api/applications',
    {
      config: { access: UNITS },
      schema: {
        tags: ['applications'],
        summary: 'Start an application in an open call (3.2–3.4); a retried create with the same clientKey returns the same draft',
        body: CreateApplicationInput,
        response: { 200: ApplicationOut, 201: ApplicationOut },
      },
    },
    async (req, reply) => {
      const { created, view } = await createApplication(deps, req.actor, req.body);
      return reply.code(created ? 201 : 200).send(view as unknown as ApplicationOut);
    },
  );

  app.get(
    '/api/applications/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['applications'],
        summary: 'One application with its rules judged now',
        params: IdParams,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(viewById(deps.db, req.actor, req.params.id, now())),
  );

  app.put(
    '/api/applications/:id/draft',
    {
      config: { access: UNITS },
      schema: {
        tags: ['applications'],
        summary: 'Autosave the form (409 when the version is stale)',
        params: IdParams,
        body: SaveDraftInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(saveDraft(deps, req.actor, req.params.id, req.body)),
  );

  app.put(
    '/api/applications/:id/units',
    {
      config: { access: UNITS },
      schema: {
        tags: ['applications'],
        summary: 'Name the participating units',
        params: IdParams,
        body: SetUnitsInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(setUnits(deps, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/applications/:id/units/confirm',
    {
      config: { access: UNITS },
      schema: {
        tags: ['applications'],
        summary: 'A participating unit confirms or declines taking part',
        params: IdParams,
        body: ConfirmUnitInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(confirmUnit(deps, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/applications/:id/attachments',
    {
      config: { access: UNITS },
      schema: {
        tags: ['applications'],
        summary: "Attach a PDF for one of the call's materials (multipart field `file`)",
        params: IdParams,
        querystring: AttachQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ApplicationOut },
      },
    },
    async (req) => {
      const upload = await receiveUpload(req);
      return out(
        addAttachment(deps, req.actor, req.params.id, {
          materialKey: req.query.materialKey,
          filename: upload.filename,
          buffer: upload.buffer,
          truncated: upload.truncated,
        }),
      );
    },
  );

  app.delete(
    '/api/applications/:id/attachments/:attachmentId',
    {
      config: { access: UNITS },
      schema: { tags: ['applications'], summary: 'Remove an attachment', params: AttachmentParams, response: { 200: ApplicationOut } },
    },
    async (req) => out(removeAttachment(deps, req.actor, req.params.id, req.params.attachmentId)),
  );

  app.get(
    '/api/applications/:id/attachments/:attachmentId',
    {
      config: { access: READERS },
      schema: { tags: ['applications'], summary: 'Download an attachment (PDF)', params: AttachmentParams },
    },
    async (req, reply) => {
      const { app: row } = await loadForActor(deps.db, req.actor, req.params.id);
      const att = await deps.db
        .selectFrom('application_attachments')
        .selectAll()
        .where('id', '=', req.params.attachmentId)
        .where('application_id', '=', row.id)
        .executeTakeFirst();
      // An attachment id of another application, asked for through one's own: refused and logged.
      if (!att) throw new AccessDenied('application_attachment', req.params.attachmentId);
      const file = await deps.blobs.get(att.blob_sha256).catch((err: unknown) => {
        if (!isBlobNotFound(err)) throw err;
        // The row outlived its file (a store emptied or switched without copying): say so in the log, 404 to the user.
        req.log.error({ sha256: att.blob_sha256, store: deps.blobs.kind }, 'attachment file missing from the blob store');
        throw new AppError('not_found');
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(att.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file);
    },
  );

  app.post(
    '/api/applications/:id/submit',
    {
      config: { access: UNITS },
      schema: {
        tags: ['applications'],
        summary: 'Submit: 422 rule_failed with the failed rule codes, 400 naming each missing field; idempotent',
        params: IdParams,
        body: SubmitInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(submitApplication(deps, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/applications/:id/withdraw',
    {
      config: { access: UNITS },
      schema: {
        tags: ['applications'],
        summary: 'Withdraw the application',
        params: IdParams,
        body: ReasonInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(withdrawApplication(deps, req.actor, req.params.id, req.body.reason)),
  );

  app.post(
    '/api/applications/:id/rule-decisions',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['applications'],
        summary: 'Override an in-principle rule or settle a needs-review rule, with a written reason',
        params: IdParams,
        body: RuleDecisionInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(decideRule(deps, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/applications/:id/formal-check',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['applications'],
        summary: 'Formal check (形式审查): pass, return for revision, or reject',
        params: IdParams,
        body: FormalCheckInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(formalCheck(deps, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/applications/:id/recheck',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['applications'],
        summary: 'Re-check a recognition application (3.4.b)',
        params: IdParams,
        body: RecheckInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(recheckRecognition(deps, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/applications/:id/verify',
    {
      config: { access: ['officer'] },
      schema: {
        tags: ['applications'],
        summary: 'Record verified implementation and set the amount by the formula (3.3.e)',
        params: IdParams,
        body: VerifyImplementationInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => out(verifyImplementation(deps, req.actor, req.params.id, req.body)),
  );
}
