/** What follow-up entry commands share: their input and its checks. */
import { AppError, type FollowupKind, type FollowupOutputType } from '@rdplan/domain';
import type { Executor } from '../../db/database.js';
import { followupEntries, presentEntry } from '../../repositories/national-followup.js';

export interface FollowupEntryInput {
  kind: FollowupKind;
  title: string;
  detail?: string;
  occurredOn: string;
  outputType?: FollowupOutputType | null;
  orgId?: string | null;
  reason?: string | null;
}

export type FollowupEntryPatch = Partial<FollowupEntryInput>;

/** An output names its type; no other kind has one. */
export function assertOutputType(kind: FollowupKind, outputType: FollowupOutputType | null) {
  if (kind === 'output' && !outputType) {
    throw new AppError('validation_failed', [{ path: 'body.outputType', message: 'an output needs its type / 成果须注明类型' }]);
  }
  if (kind !== 'output' && outputType) {
    throw new AppError('validation_failed', [
      { path: 'body.outputType', message: 'only an output has a type / 仅成果类记录可填写成果类型' },
    ]);
  }
}

export async function assertOrg(db: Executor, orgId: string | null) {
  if (!orgId) return;
  const org = await db.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst();
  if (!org) throw new AppError('validation_failed', [{ path: 'body.orgId', message: 'unknown organisation / 单位不存在' }]);
}

export async function entryView(db: Executor, nationalId: string, id: string) {
  const rows = await followupEntries(db, nationalId);
  return presentEntry(rows.find((r) => r.id === id)!);
}
