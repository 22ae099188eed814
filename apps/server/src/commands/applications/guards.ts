import { AppError, hasAnyRole, isEditable, type ApplicationState } from '@rdplan/domain';
import type { Actor } from '../../context.js';
import type { ApplicationRow } from '../../repositories/applications.js';
import type { Relation } from './view.js';

/** Only the applying unit's own users change the form, and only while it is a draft or returned. */
export function assertApplicantMayEdit(app: ApplicationRow, relation: Relation) {
  if (relation !== 'applicant') throw new AppError('forbidden');
  if (!isEditable(app.status as ApplicationState)) {
    throw new AppError('state_conflict', {
      status: app.status,
      message: 'only a draft or a returned application can be changed / 仅草稿或退回修改的申报可修改',
    });
  }
}

export function assertOfficer(actor: Actor) {
  if (!hasAnyRole(actor.roles, ['officer'])) throw new AppError('forbidden');
}

/** Optimistic concurrency: the browser's version must be the stored one, so no edit is silently lost. */
export function assertVersion(app: ApplicationRow, version: number) {
  if (app.version !== version) {
    throw new AppError('conflict', {
      path: 'body.version',
      current: app.version,
      message: 'changed meanwhile; reload / 内容已被修改，请刷新后再编辑',
    });
  }
}

export const auditSummary = (app: ApplicationRow) => ({
  status: app.status,
  version: app.version,
  round: app.round,
  track: app.track,
  orgId: app.org_id,
});
