import { AppError } from '@rdplan/domain';
import { appendAudit, canonicalJson } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { sha256Of } from '../../storage/blobs.js';
import { inTransaction } from '../transaction.js';
import { refreshMapFacts } from './map-facts.js';
import { matchNationalUnits } from './match-units.js';
import { readNationalFile, type NationalFileFormat, detectFormat } from './national-format.js';
import {
  checkRecords,
  type NationalApplicationRecord,
  type NationalProjectRecord,
  type NationalRecordKind,
  type RecordError,
} from './national-records.js';
import {
  orgIdsByUscc,
  storedApplications,
  storedProjects,
  writeAcceptances,
  writeApplications,
  writeProjects,
  type ApplicationValues,
  type ProjectValues,
} from './national-rows.js';

export interface ImportProgress {
  phase: 'checking' | 'writing' | 'matching';
  totalRows: number;
  /** Records checked so far. */
  rowsDone: number;
  errors: readonly RecordError[];
  /** Writing: rows written so far (records, then their units and people) of `toWrite` records. */
  written?: number;
  toWrite?: number;
}

export interface NationalImportInput {
  filename: string;
  buffer: Buffer;
  dryRun?: boolean;
  /** Where the records came from (the form's / CLI's `source`), kept with the batch. */
  source?: string | null;
  /** The record kind of a CSV (or a one-sheet xlsx) when its headers do not tell. */
  kind?: NationalRecordKind;
  /** Largest file accepted (default: the upload limit; null: no limit — the command line). */
  maxBytes?: number | null;
  /**
   * Called as the import goes. During checking it is awaited between chunks; during writing (inside
   * the batch transaction) it is NOT awaited, so a progress write on another connection never waits
   * for the transaction it reports on (PGlite has one connection).
   */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  /**
   * Called inside the batch transaction after the records are written (not for a dry run): the job
   * records that its batch is stored in the same commit as the records (import-jobs.ts).
   */
  onCommit?: (tx: Tx, result: NationalImportResult) => Promise<void>;
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
  format: NationalFileFormat;
  source: string | null;
  sha256: string;
  totalRecords: number;
  rejected: number;
  applications: Counts;
  projects: Counts;
  acceptances: Counts;
  /** Units (leads and participants) of the records written. */
  units: number;
  /** Where the time went (ms): reading the file, checking, writing (one transaction), matching units. */
  timingsMs: { read: number; check: number; write: number; match: number };
  /** Set when linking the units to the registry failed after the records were stored. */
  matchFailure?: string;
  errors: RecordError[];
}

/** Column values of an application record (lead_org_id linked by credit code). */
function applicationValues(r: NationalApplicationRecord, orgIds: Map<string, string>): ApplicationValues {
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

function projectValues(r: NationalProjectRecord, orgIds: Map<string, string>): ProjectValues {
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
function same(values: object, stored: object): boolean {
  const s = stored as Record<string, unknown>;
  return Object.entries(values).every(([k, v]) => {
    if (v !== null && typeof v === 'object') return canonicalJson(v) === canonicalJson(s[k]);
    return (v ?? null) === (s[k] ?? null);
  });
}

/** Ids kept in the audit event of a batch (a huge batch keeps the first ones and says so). */
const AUDIT_IDS = 1000;

/**
 * Imports national programme records (4.2.a) from JSON, CSV or xlsx: every record is checked; the
 * good ones are upserted by national id — with their units and people — in ONE transaction with an
 * import_batches row (kind 'national', source, time); bad ones are reported and not stored; a failure
 * half-way stores nothing. Re-importing the same file changes nothing and writes no audit event;
 * otherwise the batch is audited once as 'national.import'. A dry run classifies the same way and
 * writes nothing. Runs synchronously; import-jobs.ts runs it as a job with progress.
 */
export async function importNational(deps: Deps, actor: Actor, input: NationalImportInput): Promise<NationalImportResult> {
  const filename = input.filename.slice(0, 255) || 'upload.json';
  const maxBytes = input.maxBytes === undefined ? deps.config.uploadLimit : input.maxBytes;
  if (maxBytes !== null && input.buffer.length > maxBytes) throw new AppError('payload_too_large');
  const format = detectFormat(filename, input.buffer);
  const clock = { t: performance.now() };
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - clock.t);
    clock.t = now;
    return ms;
  };
  const timingsMs = { read: 0, check: 0, write: 0, match: 0 };
  const raws = await readNationalFile(filename, input.buffer, input.kind);
  timingsMs.read = lap();
  const onProgress = input.onProgress;
  const parsed = await checkRecords(
    raws,
    onProgress ? (p) => onProgress({ phase: 'checking', totalRows: p.totalRows, rowsDone: p.rowsDone, errors: p.errors }) : undefined,
  );
  timingsMs.check = lap();
  const sha256 = sha256Of(input.buffer);
  const dryRun = input.dryRun ?? false;
  const source = input.source?.trim().slice(0, 200) || null;
  const errors = parsed.errors;

  // An acceptance result for a project in the same file completes that project's record.
  const projectsInFile = new Map(parsed.projects.map((p) => [p.nationalId, p]));
  const acceptancesElsewhere = parsed.acceptances.filter((a) => {
    const p = projectsInFile.get(a.projectNationalId);
    if (p) p.acceptance = { date: a.date, result: a.result };
    return !p;
  });

  let unitsWritten = false;
  const result: NationalImportResult = await inTransaction(deps, async (tx, now) => {
    const orgIds = await orgIdsByUscc(tx, [...parsed.applications.map((a) => a.lead.uscc), ...parsed.projects.map((p) => p.lead.uscc)]);
    const storedApps = new Map(
      (
        await storedApplications(
          tx,
          parsed.applications.map((a) => a.nationalId),
        )
      ).map((r) => [r.national_id, r]),
    );
    const storedProjs = new Map(
      (
        await storedProjects(tx, [...parsed.projects.map((p) => p.nationalId), ...acceptancesElsewhere.map((a) => a.projectNationalId)])
      ).map((r) => [r.national_id, r]),
    );

    const apps: Counts = { inserted: 0, updated: 0, unchanged: 0 };
    const appWrites: { values: ApplicationValues; isNew: boolean }[] = [];
    for (const record of parsed.applications) {
      const values = applicationValues(record, orgIds);
      const existing = storedApps.get(record.nationalId);
      if (existing && same(values, existing)) apps.unchanged++;
      else {
        apps[existing ? 'updated' : 'inserted']++;
        appWrites.push({ values, isNew: !existing });
      }
    }
    const projects: Counts = { inserted: 0, updated: 0, unchanged: 0 };
    const projectWrites: { values: ProjectValues; isNew: boolean }[] = [];
    for (const record of parsed.projects) {
      const values = projectValues(record, orgIds);
      const existing = storedProjs.get(record.nationalId);
      if (existing && same(values, existing)) projects.unchanged++;
      else {
        projects[existing ? 'updated' : 'inserted']++;
        projectWrites.push({ values, isNew: !existing });
      }
    }
    const acceptances: Counts = { inserted: 0, updated: 0, unchanged: 0 };
    const acceptanceWrites: { nationalId: string; date: string; result: string }[] = [];
    for (const a of acceptancesElsewhere) {
      const existing = storedProjs.get(a.projectNationalId);
      if (!existing) {
        const where = parsed.rows.acceptances.get(a.projectNationalId);
        errors.push({ ...where, row: where?.row ?? '', column: where?.column ?? '', reason: 'no such national project / 未找到该项目' });
        continue;
      }
      if (existing.acceptance_date === a.date && existing.acceptance_result === a.result) acceptances.unchanged++;
      else {
        acceptances.updated++;
        acceptanceWrites.push({ nationalId: a.projectNationalId, date: a.date, result: a.result });
      }
    }
    const totals: Counts = {
      inserted: apps.inserted + projects.inserted,
      updated: apps.updated + projects.updated + acceptances.updated,
      unchanged: apps.unchanged + projects.unchanged + acceptances.unchanged,
    };
    const rejected = new Set(errors.filter((e) => e.row !== '').map((e) => e.row)).size;
    const units =
      appWrites.reduce((n, w) => n + 1 + w.values.participants.length, 0) +
      projectWrites.reduce((n, w) => n + 1 + w.values.participants.length, 0);

    let batchId: string | null = null;
    if (!dryRun) {
      const batch = await tx
        .insertInto('import_batches')
        .values({
          kind: 'national',
          filename,
          sha256,
          source,
          imported_by: actor.userId,
          at: now,
          total_rows: parsed.totalRecords,
          ...totals,
          errors: JSON.stringify(errors),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      batchId = batch.id;
      const toWrite = appWrites.length + projectWrites.length + acceptanceWrites.length;
      let written = 0;
      const report = (n: number) => {
        written += n;
        if (onProgress) {
          const p = onProgress({
            phase: 'writing',
            totalRows: parsed.totalRecords,
            rowsDone: parsed.totalRecords,
            errors,
            written,
            toWrite,
          });
          if (p) p.catch(() => undefined);
        }
      };
      await writeApplications(tx, appWrites, batchId, now, report);
      await writeProjects(tx, projectWrites, batchId, now, report);
      await writeAcceptances(tx, acceptanceWrites, batchId, now);
      report(acceptanceWrites.length);
      unitsWritten = appWrites.length + projectWrites.length > 0;
      if (toWrite > 0) {
        const ids = (list: { values: { national_id: string }; isNew: boolean }[], isNew: boolean) => {
          const all = list.filter((w) => w.isNew === isNew).map((w) => w.values.national_id);
          return all.length > AUDIT_IDS ? all.slice(0, AUDIT_IDS) : all;
        };
        await appendAudit(tx, actor, now, {
          action: 'national.import',
          entityType: 'import_batch',
          entityId: batchId,
          after: {
            filename,
            sha256,
            source,
            totalRecords: parsed.totalRecords,
            ...totals,
            rejected,
            applications: { ...apps, insertedIds: ids(appWrites, true), updatedIds: ids(appWrites, false) },
            projects: { ...projects, insertedIds: ids(projectWrites, true), updatedIds: ids(projectWrites, false) },
            acceptances: { ...acceptances, updatedIds: acceptanceWrites.slice(0, AUDIT_IDS).map((a) => a.nationalId) },
            ...(toWrite > AUDIT_IDS ? { idsTruncatedAt: AUDIT_IDS } : {}),
          },
          reason: `import ${filename} (sha256 ${sha256.slice(0, 12)})`,
        });
      }
    }
    const done: NationalImportResult = {
      batchId,
      dryRun,
      filename,
      format,
      source,
      sha256,
      totalRecords: parsed.totalRecords,
      ...totals,
      rejected,
      applications: apps,
      projects,
      acceptances,
      units,
      timingsMs,
      errors,
    };
    if (batchId && input.onCommit) await input.onCommit(tx, done);
    return done;
  });
  timingsMs.write = lap(); // through the commit

  // Linking the batch's units to the registry runs after the commit, in its own statements: the records
  // are whole either way, and a unit left unmatched by a failure here is linked by the next matching run.
  if (unitsWritten && result.batchId) {
    const p = onProgress?.({ phase: 'matching', totalRows: result.totalRecords, rowsDone: result.totalRecords, errors: result.errors });
    if (p) await p.catch(() => undefined);
    try {
      await matchNationalUnits(deps.db, { batchId: result.batchId });
    } catch (err) {
      result.matchFailure = `unit matching failed, records are stored: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`;
      await refreshMapFacts(deps.db, { batchId: result.batchId }).catch(() => undefined); // matching refreshes the map itself
    }
    timingsMs.match = lap();
  }
  return result;
}
