import {
  AppError,
  noticeRunning,
  ObjectionFields,
  OBJECTION_STATUS_LABELS,
  type ObjectionDecideInput,
  type ObjectionOut,
} from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import { PUBLIC_ACTOR, type Actor, type Deps } from '../../context.js';
import { queueMail } from '../../mailer.js';
import { findNotice, objectionOut, objectionsQuery } from '../../repositories/notices.js';
import { isPdf } from '../../storage/blobs.js';
import { pdfActiveContent } from '../../storage/pdf-scan.js';
import { inTransaction } from '../transaction.js';
import { assertOfficer } from './publish.js';
import { mailObjectionDecided } from './unit-mail.js';

/** Evidence PDFs of objections, at most this large. */
export const EVIDENCE_MAX_MB = 20;

export interface ObjectionUpload {
  fields: Record<string, string>;
  filename: string;
  buffer: Buffer;
  truncated: boolean;
}

function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]) {
  return issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
}

/**
 * Anyone may object while a notice runs (4.3.b): real name, work unit, a phone or an e-mail, the project,
 * the grounds and the evidence PDF. After the end the objection is refused (409 notice_ended) and the
 * attempt is recorded; an anonymous one or one without grounds is refused naming the field.
 */
export async function fileObjection(deps: Deps, noticeId: string, upload: ObjectionUpload) {
  const now = deps.clock.now();
  const notice = await findNotice(deps.db, noticeId);
  if (!notice) throw new AppError('not_found', { entity: 'notice', id: noticeId });
  if (!notice.current) {
    const latest = await deps.db
      .selectFrom('notices')
      .select('id')
      .where('series_id', '=', notice.series_id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    throw new AppError('state_conflict', {
      reason: 'superseded',
      message: 'this notice was corrected: object on its current version / 本公示已更正，请对最新版本提出异议',
      currentId: latest.id,
    });
  }
  if (!noticeRunning({ publishedAt: notice.published_at, endsAt: notice.ends_at }, now)) {
    const name = (upload.fields.name ?? '').trim().slice(0, 50);
    const appId = /^[0-9a-f-]{36}$/i.test(upload.fields.applicationId ?? '') ? upload.fields.applicationId! : null;
    await inTransaction(deps, async (tx, at) => {
      const attempt = await tx
        .insertInto('notice_objection_attempts')
        .values({ notice_id: notice.id, attempted_at: at, reason: 'notice_ended', name, application_id: appId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(tx, PUBLIC_ACTOR, at, {
        action: 'notice.objection_refused',
        entityType: 'notice',
        entityId: notice.id,
        after: { attemptId: attempt.id, reason: 'notice_ended', endsAt: new Date(notice.ends_at).toISOString(), applicationId: appId },
      });
    });
    throw new AppError('state_conflict', {
      reason: 'notice_ended',
      rule: '4.3.b',
      message: `the notice ended at the end of ${notice.ends_on} (Beijing time); objections are no longer received / 公示期已于 ${notice.ends_on} 结束，不再受理异议`,
      endsOn: notice.ends_on,
      endsAt: new Date(notice.ends_at).toISOString(),
    });
  }
  const parsed = ObjectionFields.safeParse(upload.fields);
  if (!parsed.success) throw new AppError('validation_failed', fieldErrors(parsed.error.issues));
  const fields = parsed.data;
  const item = await deps.db
    .selectFrom('notice_items')
    .select(['title'])
    .where('notice_id', '=', notice.id)
    .where('application_id', '=', fields.applicationId)
    .executeTakeFirst();
  if (!item)
    throw new AppError('validation_failed', [
      { path: 'body.applicationId', message: 'the project is not on this notice / 所选项目不在本公示名单中' },
    ]);
  const upheld = await deps.db
    .selectFrom('notice_objections')
    .select('id')
    .where('series_id', '=', notice.series_id)
    .where('application_id', '=', fields.applicationId)
    .where('status', '=', 'upheld')
    .executeTakeFirst();
  if (upheld)
    throw new AppError('validation_failed', [
      { path: 'body.applicationId', message: 'the project has already left the list / 该项目已移出公示名单' },
    ]);
  if (upload.truncated || upload.buffer.length > EVIDENCE_MAX_MB * 1024 * 1024)
    throw new AppError('payload_too_large', { path: 'body.file', maxMb: EVIDENCE_MAX_MB });
  if (upload.buffer.length === 0 || !isPdf(upload.buffer))
    throw new AppError('unsupported_media_type', {
      path: 'body.file',
      expected: 'application/pdf',
      message: 'attach the evidence as a PDF / 请以 PDF 文件提交证明材料',
    });
  // Stored as sent; active content is recorded and shown to officers as a warning.
  const activeContent = await pdfActiveContent(upload.buffer);
  const sha = await deps.blobs.put(upload.buffer, { mime: 'application/pdf' });
  return inTransaction(deps, async (tx, at) => {
    // Checked again inside the transaction, holding the series' notices for share (a decision on its projects
    // locks them), by the clock read after the lock: the end may have passed while the file was stored.
    await tx.selectFrom('notices').select('id').where('series_id', '=', notice.series_id).forShare().execute();
    const fresh = await findNotice(tx, notice.id);
    if (!fresh?.current || !noticeRunning({ publishedAt: fresh.published_at, endsAt: fresh.ends_at }, deps.clock.now()))
      throw new AppError('state_conflict', { reason: 'notice_ended', rule: '4.3.b', endsOn: notice.ends_on });
    await tx
      .insertInto('blobs')
      .values({ sha256: sha, size: upload.buffer.length, mime: 'application/pdf' })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const row = await tx
      .insertInto('notice_objections')
      .values({
        notice_id: notice.id,
        series_id: notice.series_id,
        application_id: fields.applicationId,
        name: fields.name,
        work_unit: fields.workUnit,
        phone: fields.phone || null,
        email: fields.email ? fields.email.toLowerCase() : null,
        grounds: fields.grounds,
        evidence_sha256: sha,
        evidence_filename: upload.filename.slice(0, 200) || 'evidence.pdf',
        evidence_size: upload.buffer.length,
        evidence_active_content: activeContent,
        received_at: at,
      })
      .returning(['id', 'received_at'])
      .executeTakeFirstOrThrow();
    // Personal data of the objector stays in the objection row; the chain records the fact and the file.
    await appendAudit(tx, PUBLIC_ACTOR, at, {
      action: 'notice.objection_file',
      entityType: 'notice_objection',
      entityId: row.id,
      after: {
        noticeId: notice.id,
        applicationId: fields.applicationId,
        evidenceSha256: sha,
        ...(activeContent.length > 0 ? { activeContent } : {}),
      },
    });
    return {
      id: row.id,
      receivedAt: new Date(row.received_at).toISOString(),
      applicationId: fields.applicationId,
      message: `异议已受理（${item.title}），处理结果将在公示页面公布${fields.email ? '并发送至您的邮箱' : ''}。 / The objection is received; its outcome will be shown on the notice page.`,
    };
  });
}

async function loadObjection(db: Deps['db'], id: string) {
  const row = await objectionsQuery(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', { entity: 'notice_objection', id });
  return row;
}

/** Officers: the objections of a notice's series (all versions), and the refused late attempts. */
export async function listObjections(deps: Deps, actor: Actor, noticeId: string) {
  if (!actor.roles.some((r) => r === 'officer' || r === 'admin')) throw new AppError('forbidden');
  const notice = await findNotice(deps.db, noticeId);
  if (!notice) throw new AppError('not_found', { entity: 'notice', id: noticeId });
  const rows = await objectionsQuery(deps.db)
    .where('o.series_id', '=', notice.series_id)
    .orderBy('o.received_at')
    .orderBy('o.id')
    .execute();
  const attempts = await deps.db
    .selectFrom('notice_objection_attempts as a')
    .innerJoin('notices as n', 'n.id', 'a.notice_id')
    .select(['a.attempted_at', 'a.name', 'a.application_id'])
    .where('n.series_id', '=', notice.series_id)
    .orderBy('a.attempted_at')
    .execute();
  return {
    items: rows.map(objectionOut),
    lateAttempts: attempts.map((a) => ({ at: new Date(a.attempted_at).toISOString(), name: a.name, applicationId: a.application_id })),
  };
}

export async function getObjectionEvidence(deps: Deps, actor: Actor, id: string) {
  if (!actor.roles.some((r) => r === 'officer' || r === 'admin')) throw new AppError('forbidden');
  const row = await loadObjection(deps.db, id);
  if (!row.evidence_sha256) throw new AppError('not_found');
  return { filename: row.evidence_filename ?? 'evidence.pdf', sha256: row.evidence_sha256 };
}

/** An officer's note of the investigation, appended (notes are never edited). */
export async function addObjectionNote(deps: Deps, actor: Actor, id: string, note: string): Promise<ObjectionOut> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const row = await tx.selectFrom('notice_objections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('not_found', { entity: 'notice_objection', id });
    if (row.status !== 'open') throw new AppError('state_conflict', { reason: 'objection_decided', status: row.status });
    const notes = [
      ...objectionOut({ ...row, version: 0, title: null, org_name: null }).notes,
      { note, by: actor.label, at: now.toISOString() },
    ];
    await tx
      .updateTable('notice_objections')
      .set({ notes: JSON.stringify(notes) })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, actor, now, {
      action: 'notice.objection_note',
      entityType: 'notice_objection',
      entityId: id,
      after: { note },
    });
    return objectionOut(await loadObjection(tx, id));
  });
}

/**
 * An officer decides an objection: upheld (the project leaves the notice's list, with the reason shown
 * on the public page) or dismissed; the reply goes to the objector by mail when an e-mail was given.
 */
export async function decideObjection(deps: Deps, actor: Actor, id: string, input: ObjectionDecideInput): Promise<ObjectionOut> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const row = await tx.selectFrom('notice_objections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('not_found', { entity: 'notice_objection', id });
    if (row.status !== 'open') throw new AppError('state_conflict', { reason: 'objection_decided', status: row.status });
    await tx
      .updateTable('notice_objections')
      .set({
        status: input.outcome,
        decision_reason: input.reason,
        reply: input.reply,
        decided_by: actor.userId,
        decided_by_label: actor.label,
        decided_at: now,
      })
      .where('id', '=', id)
      .execute();
    const full = await loadObjection(tx, id);
    if (row.email) {
      const label = OBJECTION_STATUS_LABELS[input.outcome];
      await queueMail(
        tx,
        row.email,
        `关于“${full.title ?? ''}”公示异议的答复 / Reply to your objection`,
        [
          `${row.name}：`,
          '',
          `您于 ${new Date(row.received_at).toISOString().slice(0, 10)} 对公示项目“${full.title ?? ''}”提出的异议已办结。`,
          `办理结果：${label.zh}（${label.en}）`,
          `理由：${input.reason}`,
          '',
          input.reply,
          '',
          '广州市科学技术局',
        ].join('\n'),
      );
    }
    // The applicant unit learns the outcome and the reason, never who objected nor the reply to them.
    const target = await tx.selectFrom('applications as a').select('a.org_id').where('a.id', '=', row.application_id).executeTakeFirst();
    const noticeTitle = await tx.selectFrom('notices').select('title').where('id', '=', row.notice_id).executeTakeFirstOrThrow();
    if (target)
      await mailObjectionDecided(tx, target.org_id, {
        title: full.title ?? '',
        noticeTitle: noticeTitle.title,
        outcome: input.outcome,
        reason: input.reason,
      });
    await appendAudit(tx, actor, now, {
      action: `notice.objection_${input.outcome === 'upheld' ? 'uphold' : 'dismiss'}`,
      entityType: 'notice_objection',
      entityId: id,
      before: { status: 'open' },
      after: {
        rule: '4.3.b',
        status: input.outcome,
        noticeId: row.notice_id,
        applicationId: row.application_id,
        removedFromList: input.outcome === 'upheld',
        replyMailed: Boolean(row.email),
      },
      reason: input.reason,
    });
    return objectionOut(full);
  });
}
