import { createHash } from 'node:crypto';
import { AppError } from '@rdplan/domain';
import { appendAudit, canonicalJson } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { Tx } from '../../db/database.js';
import {
  nationalApplicationsByNationalId,
  nationalProjectsByNationalId,
  type NationalApplicationRow,
  type NationalProjectRow,
} from '../../repositories/national.js';
import { findOrganisationsByUscc } from '../../repositories/organisations.js';
import { inTransaction } from '../transaction.js';
import { parseNationalFile, type NationalApplicationRecord, type NationalProjectRecord, type RecordError } from './national-records.js';

export interface NationalImportInput {
  filename: string;
  buffer: Buffer;
  dryRun?: boolean;
}

interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface NationalImportResult extends Counts {
  batchId: string | null;
  dryRun: boolean;
  filename: string;
  sha256: string;
  totalRecords: number;
  rejected: number;
  applications: Counts;
  projects: Counts;
  errors: RecordError[];
}

/** Column values of an application record (lead_org_id linked by credit code). */
function applicationValues(r: NationalApplicationRecord, orgIds: Map<string, string>) {
  const uscc = r.lead.uscc ?? null;
  return {
    national_id: r.nationalId,
    year: r.year,
    programme: r.programme,
    direction: r.direction,
    field_code: r.fieldCode ?? null,
    title: r.title,
    lead_uscc: uscc,
    lead_name: r.lead.name,
    lead_org_id: uscc ? (orgIds.get(uscc) ?? null) : null,
    leader_name: r.leaderName ?? null,
    participants: r.participants.map((p) => ({ uscc: p.uscc ?? null, name: p.name })),
    stage: r.stage,
    outcome: r.outcome,
  };
}

function projectValues(r: NationalProjectRecord, orgIds: Map<string, string>) {
  const uscc = r.lead.uscc ?? null;
  return {
    national_id: r.nationalId,
    application_national_id: r.applicationNationalId ?? null,
    title: r.title,
    programme: r.programme,
    direction: r.direction,
    field_code: r.fieldCode ?? null,
    start_date: r.startDate,
    end_date: r.endDate,
    budget: { central: r.budget.central, local: r.budget.local, self: r.budget.self },
    lead_uscc: uscc,
    lead_name: r.lead.name,
    lead_type: r.lead.type,
    lead_region_code: r.lead.regionCode,
    lead_org_id: uscc ? (orgIds.get(uscc) ?? null) : null,
    participants: r.participants.map((p) => ({ uscc: p.uscc ?? null, name: p.name })),
    people: r.people,
    acceptance_date: r.acceptance?.date ?? null,
    acceptance_result: r.acceptance?.result ?? null,
  };
}

/** True when every value equals what is stored (JSON compared canonically). */
function same(values: Record<string, unknown>, stored: Record<string, unknown>): boolean {
  return Object.entries(values).every(([k, v]) => {
    const s = stored[k];
    if (v !== null && typeof v === 'object') return canonicalJson(v) === canonicalJson(s);
    return (v ?? null) === (s ?? null);
  });
}

const jsonColumns = <T extends Record<string, unknown>>(v: T, keys: readonly (keyof T)[]) => {
  const out: Record<string, unknown> = { ...v };
  for (const k of keys) out[k as string] = JSON.stringify(v[k]);
  return out;
};

async function linkOrganisations(tx: Tx, usccs: (string | null | undefined)[], lock: boolean) {
  const wanted = [...new Set(usccs.filter((u): u is string => !!u))];
  const orgs = await findOrganisationsByUscc(tx, wanted, lock);
  return new Map(orgs.map((o) => [o.uscc, o.id]));
}

/**
 * Imports national programme records (4.2.a): every record is checked; the good ones are upserted by
 * national id in one transaction with an import_batches row; bad ones are reported and not stored.
 * Re-importing the same file changes nothing and writes no audit event; otherwise the batch is audited
 * once as 'national.import'. A dry run classifies the same way and writes nothing.
 */
export async function importNational(deps: Deps, actor: Actor, input: NationalImportInput): Promise<NationalImportResult> {
  const filename = input.filename.slice(0, 255) || 'upload.json';
  if (input.buffer.length > deps.config.uploadLimit) throw new AppError('payload_too_large');
  const parsed = parseNationalFile(input.buffer);
  const sha256 = createHash('sha256').update(input.buffer).digest('hex');
  const dryRun = input.dryRun ?? false;
  const rejected = new Set(parsed.errors.filter((e) => e.row !== '').map((e) => e.row)).size;

  return inTransaction(deps, async (tx, now) => {
    const orgIds = await linkOrganisations(
      tx,
      [...parsed.applications.map((a) => a.lead.uscc), ...parsed.projects.map((p) => p.lead.uscc)],
      false,
    );
    const storedApps = new Map(
      (
        await nationalApplicationsByNationalId(
          tx,
          parsed.applications.map((a) => a.nationalId),
          !dryRun,
        )
      ).map((r) => [r.national_id, r]),
    );
    const storedProjects = new Map(
      (
        await nationalProjectsByNationalId(
          tx,
          parsed.projects.map((p) => p.nationalId),
          !dryRun,
        )
      ).map((r) => [r.national_id, r]),
    );

    const apps = { inserted: 0, updated: 0, unchanged: 0 };
    const appWrites: { values: ReturnType<typeof applicationValues>; existing: NationalApplicationRow | undefined }[] = [];
    for (const record of parsed.applications) {
      const values = applicationValues(record, orgIds);
      const existing = storedApps.get(record.nationalId);
      if (existing && same(values, existing)) apps.unchanged++;
      else {
        if (existing) apps.updated++;
        else apps.inserted++;
        appWrites.push({ values, existing });
      }
    }
    const projects = { inserted: 0, updated: 0, unchanged: 0 };
    const projectWrites: { values: ReturnType<typeof projectValues>; existing: NationalProjectRow | undefined }[] = [];
    for (const record of parsed.projects) {
      const values = projectValues(record, orgIds);
      const existing = storedProjects.get(record.nationalId);
      if (existing && same(values, existing)) projects.unchanged++;
      else {
        if (existing) projects.updated++;
        else projects.inserted++;
        projectWrites.push({ values, existing });
      }
    }
    const totals: Counts = {
      inserted: apps.inserted + projects.inserted,
      updated: apps.updated + projects.updated,
      unchanged: apps.unchanged + projects.unchanged,
    };

    let batchId: string | null = null;
    if (!dryRun) {
      const batch = await tx
        .insertInto('import_batches')
        .values({
          kind: 'national',
          filename,
          sha256,
          imported_by: actor.userId,
          at: now,
          total_rows: parsed.totalRecords,
          ...totals,
          errors: JSON.stringify(parsed.errors),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      batchId = batch.id;
      for (const { values, existing } of appWrites) {
        const record = { ...jsonColumns(values, ['participants']), batch_id: batchId, updated_at: now } as never;
        if (existing) await tx.updateTable('national_applications').set(record).where('id', '=', existing.id).execute();
        else await tx.insertInto('national_applications').values(record).execute();
      }
      for (const { values, existing } of projectWrites) {
        const record = { ...jsonColumns(values, ['budget', 'participants', 'people']), batch_id: batchId, updated_at: now } as never;
        if (existing) await tx.updateTable('national_projects').set(record).where('id', '=', existing.id).execute();
        else await tx.insertInto('national_projects').values(record).execute();
      }
      if (appWrites.length + projectWrites.length > 0) {
        const ids = (list: { values: { national_id: string }; existing: unknown }[], isNew: boolean) =>
          list.filter((w) => (w.existing === undefined) === isNew).map((w) => w.values.national_id);
        await appendAudit(tx, actor, now, {
          action: 'national.import',
          entityType: 'import_batch',
          entityId: batchId,
          after: {
            filename,
            sha256,
            totalRecords: parsed.totalRecords,
            ...totals,
            rejected,
            applications: { ...apps, insertedIds: ids(appWrites, true), updatedIds: ids(appWrites, false) },
            projects: { ...projects, insertedIds: ids(projectWrites, true), updatedIds: ids(projectWrites, false) },
          },
          reason: `import ${filename} (sha256 ${sha256.slice(0, 12)})`,
        });
      }
    }
    return {
      batchId,
      dryRun,
      filename,
      sha256,
      totalRecords: parsed.totalRecords,
      ...totals,
      rejected,
      applications: apps,
      projects,
      errors: parsed.errors,
    };
  });
}
