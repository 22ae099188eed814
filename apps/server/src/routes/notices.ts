import {
  AppError,
  IdParams,
  NoticeCorrectionInput,
  NoticeListOut,
  NoticeListQuery,
  NoticeOut,
  NoticePublishInput,
  ObjectionDecideInput,
  ObjectionListOut,
  ObjectionNoteInput,
  ObjectionOut,
  ObjectionReceiptOut,
  type Role,
} from '@rdplan/domain';
import { correctNotice, publishNotice } from '../commands/notices/publish.js';
import { addObjectionNote, decideObjection, fileObjection, getObjectionEvidence, listObjections } from '../commands/notices/objections.js';
import { getNotice, listNotices, listPublicNotices } from '../commands/notices/read.js';
import type { Deps } from '../context.js';
import { receiveUpload } from '../http/uploads.js';
import { isBlobNotFound } from '../storage/blobs.js';
import { requireUser, type RouteScope } from './helpers.js';

const READERS: Role[] = ['officer', 'admin'];
const WRITERS: Role[] = ['officer'];
const tags = ['notices'];

/** Public notice (公示, 4.3.b): public pages and objections without login; officers publish and decide. */
export async function noticesRoutes(app: RouteScope, deps: Deps): Promise<void> {
  app.get(
    '/api/public/notices',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'listPublicNotices',
        summary: 'Notices running now (current versions), for the public home page',
        response: { 200: NoticeListOut },
      },
    },
    async () => listPublicNotices(deps),
  );

  app.get(
    '/api/public/notices/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'getPublicNotice',
        summary: 'One notice version: what is published, from when to when, how to object, outcomes of decided objections',
        params: IdParams,
        response: { 200: NoticeOut },
      },
    },
    async (req) => getNotice(deps, { ...req.actor, roles: [] }, req.params.id),
  );

  app.post(
    '/api/public/notices/:id/objections',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'fileNoticeObjection',
        summary:
          'Object to a project on a running notice (multipart: name, workUnit, phone or email, applicationId, grounds, file = evidence PDF)',
        description:
          'Anonymous or grounds-less objections answer 400 naming the field; after the end 409 notice_ended and the attempt is recorded. Rate limited per address.',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ObjectionReceiptOut },
      },
    },
    async (req, reply) => {
      const upload = await receiveUpload(req);
      const receipt = await fileObjection(deps, req.params.id, upload);
      return reply.status(201).send(receipt);
    },
  );

  app.get(
    '/api/notices',
    {
      config: { access: READERS },
      schema: {
        tags,
        operationId: 'listNotices',
        summary: 'Current notices (running or ended), optionally of one plan, with open objections',
        querystring: NoticeListQuery,
        response: { 200: NoticeListOut },
      },
    },
    async (req) => listNotices(deps, requireUser(req), req.query.planId),
  );

  app.post(
    '/api/notices',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        operationId: 'publishNotice',
        summary: "Publish a notice of the plan's confirmed selection, verified continuations or re-checked recognitions (4.3.b)",
        description:
          "Runs the plan's noticeWorkingDays on the working-day calendar (409 calendar_gap when it reaches a year without data).",
        body: NoticePublishInput,
        response: { 201: NoticeOut },
      },
    },
    async (req, reply) => reply.status(201).send(await publishNotice(deps, requireUser(req), req.body)),
  );

  app.get(
    '/api/notices/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        operationId: 'getNotice',
        summary: 'One notice version with its open objections',
        params: IdParams,
        response: { 200: NoticeOut },
      },
    },
    async (req) => getNotice(deps, requireUser(req), req.params.id),
  );

  app.post(
    '/api/notices/:id/corrections',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        operationId: 'correctNotice',
        summary: 'Publish a correction: a new version of the notice with its reason (the published one is never edited)',
        params: IdParams,
        body: NoticeCorrectionInput,
        response: { 201: NoticeOut },
      },
    },
    async (req, reply) => reply.status(201).send(await correctNotice(deps, requireUser(req), req.params.id, req.body)),
  );

  app.get(
    '/api/notices/:id/objections',
    {
      config: { access: READERS },
      schema: {
        tags,
        operationId: 'listNoticeObjections',
        summary: "The objections of the notice's series and the refused late attempts",
        params: IdParams,
        response: { 200: ObjectionListOut },
      },
    },
    async (req) => listObjections(deps, requireUser(req), req.params.id),
  );

  app.post(
    '/api/objections/:id/notes',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        operationId: 'addObjectionNote',
        summary: 'Add a note of the investigation to an open objection',
        params: IdParams,
        body: ObjectionNoteInput,
        response: { 200: ObjectionOut },
      },
    },
    async (req) => addObjectionNote(deps, requireUser(req), req.params.id, req.body.note),
  );

  app.post(
    '/api/objections/:id/decision',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        operationId: 'decideObjection',
        summary: 'Decide an objection: upheld (the project leaves the list, reason shown) or dismissed, with the reply to the objector',
        params: IdParams,
        body: ObjectionDecideInput,
        response: { 200: ObjectionOut },
      },
    },
    async (req) => decideObjection(deps, requireUser(req), req.params.id, req.body),
  );

  app.get(
    '/api/objections/:id/evidence',
    {
      config: { access: READERS, produces: ['application/pdf'] },
      schema: { tags, operationId: 'getObjectionEvidence', summary: "Download an objection's evidence (PDF)", params: IdParams },
    },
    async (req, reply) => {
      const { filename, sha256 } = await getObjectionEvidence(deps, requireUser(req), req.params.id);
      const file = await deps.blobs.get(sha256).catch((err: unknown) => {
        if (!isBlobNotFound(err)) throw err;
        req.log.error({ sha256, store: deps.blobs.kind }, 'objection evidence missing from the blob store');
        throw new AppError('not_found');
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file);
    },
  );
}
