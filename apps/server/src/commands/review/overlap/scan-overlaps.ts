import { AppError, buildOverlapIndex, findOverlaps, hasAnyRole, type OverlapDoc, type OverlapListOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { inTransaction } from '../../transaction.js';
import { applicationText, findReviewForOverlap, reviewApplicationIds, reviewFlags, type StoredPassage } from './flags.js';

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * 一题多报: compares the review's applications with every other non-draft application of any call and
 * year, and with the national records (applications and projects: their titles — the only authored
 * text they carry), through ONE MinHash/LSH index over all documents (packages/domain/src/review/
 * overlap.ts), restricted to pairs touching the review's applications. An application's own national
 * record (3.2 backfill's national application, 3.3's national project, and the project that grew out of
 * that application) is not compared: re-submitting it is the point of those tracks.
 *
 * Flags are upserted per (application, other): a new finding is 'open'; a flag already decided keeps
 * its status and note and gets the new figures; an open flag no longer found is removed.
 */
export async function scanOverlaps(deps: Deps, actor: Actor, reviewId: string): Promise<OverlapListOut> {
  if (!hasAnyRole(actor.roles, ['officer'])) throw new AppError('forbidden');
  return inTransaction(deps, async (tx, now) => {
    const review = await findReviewForOverlap(tx, reviewId);
    const mine = await reviewApplicationIds(tx, review.call_id);
    const mineIds = new Set(mine.map((a) => a.id));
    const apps = await tx
      .selectFrom('applications as a')
      .innerJoin('calls as c', 'c.id', 'a.call_id')
      .innerJoin('plans as p', 'p.id', 'c.plan_id')
      .leftJoin('national_applications as na', 'na.id', 'a.national_application_id')
      .select([
        'a.id',
        'a.form',
        'a.track',
        'a.national_application_id',
        'a.national_project_id',
        'na.national_id as na_national_id',
        'p.year',
      ])
      .where('a.status', '<>', 'draft')
      .execute();
    const [nationalApps, nationalProjects] = await Promise.all([
      tx.selectFrom('national_applications').select(['id', 'title', 'year']).execute(),
      tx.selectFrom('national_projects').select(['id', 'title', 'start_date', 'application_national_id']).execute(),
    ]);
    // The national records each of the review's applications stands on (never flagged against it).
    const ownNational = new Map<string, Set<string>>();
    const projectsByApplication = new Map<string, string[]>();
    for (const p of nationalProjects) {
      if (!p.application_national_id) continue;
      const list = projectsByApplication.get(p.application_national_id) ?? [];
      list.push(p.id);
      projectsByApplication.set(p.application_national_id, list);
    }
    for (const a of apps) {
      if (!mineIds.has(a.id)) continue;
      const own = new Set<string>();
      if (a.national_application_id) own.add(a.national_application_id);
      if (a.national_project_id) own.add(a.national_project_id);
      if (a.na_national_id) for (const p of projectsByApplication.get(a.na_national_id) ?? []) own.add(p);
      ownNational.set(a.id, own);
    }

    const docs: OverlapDoc[] = [];
    const texts = new Map<string, string>();
    for (const a of apps) {
      const text = applicationText(a.form);
      if (!text) continue;
      docs.push({ id: a.id, kind: 'application', year: a.year, track: a.track, text });
      texts.set(a.id, text);
    }
    for (const n of nationalApps) {
      if (!n.title.trim()) continue;
      docs.push({ id: n.id, kind: 'national', year: n.year, text: n.title });
      texts.set(n.id, n.title);
    }
    for (const n of nationalProjects) {
      if (!n.title.trim()) continue;
      docs.push({ id: n.id, kind: 'national', year: Number(n.start_date?.slice(0, 4) ?? 0), text: n.title });
      texts.set(n.id, n.title);
    }
    const started = performance.now();
    const index = buildOverlapIndex(docs);
    const stats = {};
    const pairs = findOverlaps(index, { only: mineIds }, stats);
    const ms = Math.round(performance.now() - started);

    interface Finding {
      applicationId: string;
      otherKind: 'application' | 'national';
      otherId: string;
      similarity: number;
      containment: number;
      passages: StoredPassage[];
    }
    const findings = new Map<string, Finding>();
    const add = (f: Finding) => findings.set(`${f.applicationId}|${f.otherKind}|${f.otherId}`, f);
    for (const p of pairs) {
      const bText = texts.get(p.b)!;
      const sides: { self: string; other: string; otherKind: 'application' | 'national'; flip: boolean }[] = [];
      if (mineIds.has(p.a)) sides.push({ self: p.a, other: p.b, otherKind: p.bKind, flip: false });
      // b is an application of the review too: flag it the other way round
      if (p.bKind === 'application' && mineIds.has(p.b)) sides.push({ self: p.b, other: p.a, otherKind: p.aKind, flip: true });
      for (const s of sides) {
        if (s.otherKind === 'national' && ownNational.get(s.self)?.has(s.other)) continue;
        add({
          applicationId: s.self,
          otherKind: s.otherKind,
          otherId: s.other,
          similarity: round(p.similarity),
          containment: round(p.containment),
          passages: p.passages.map((x) =>
            s.flip
              ? {
                  text: bText.slice(x.bStart, x.bEnd),
                  otherText: x.text,
                  start: x.bStart,
                  end: x.bEnd,
                  otherStart: x.aStart,
                  otherEnd: x.aEnd,
                }
              : {
                  text: x.text,
                  otherText: bText.slice(x.bStart, x.bEnd),
                  start: x.aStart,
                  end: x.aEnd,
                  otherStart: x.bStart,
                  otherEnd: x.bEnd,
                },
          ),
        });
      }
    }

    const existing =
      mineIds.size === 0
        ? []
        : await tx
            .selectFrom('overlap_flags')
            .select(['id', 'application_id', 'other_kind', 'other_id', 'status'])
            .where('application_id', 'in', [...mineIds])
            .execute();
    const stale = existing.filter((e) => e.status === 'open' && !findings.has(`${e.application_id}|${e.other_kind}|${e.other_id}`));
    if (stale.length > 0)
      await tx
        .deleteFrom('overlap_flags')
        .where(
          'id',
          'in',
          stale.map((s) => s.id),
        )
        .execute();
    const known = new Set(existing.map((e) => `${e.application_id}|${e.other_kind}|${e.other_id}`));
    let created = 0;
    for (const f of findings.values()) {
      if (!known.has(`${f.applicationId}|${f.otherKind}|${f.otherId}`)) created++;
      await tx
        .insertInto('overlap_flags')
        .values({
          application_id: f.applicationId,
          other_kind: f.otherKind,
          other_id: f.otherId,
          similarity: f.similarity,
          containment: f.containment,
          passages: JSON.stringify(f.passages),
          found_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['application_id', 'other_kind', 'other_id']).doUpdateSet({
            similarity: f.similarity,
            containment: f.containment,
            passages: JSON.stringify(f.passages),
            found_at: now,
          }),
        )
        .execute();
    }
    await appendAudit(tx, actor, now, {
      action: 'review.overlap_scan',
      entityType: 'review',
      entityId: reviewId,
      after: { applications: mineIds.size, documents: docs.length, flags: findings.size, created, removed: stale.length, ms, stats },
    });
    // The scan's audit event is written when the transaction ends (audit.ts deferAudit), so the view
    // cannot read this scan's time from the audit log yet: it is this scan's own.
    return { ...(await reviewFlags(tx, reviewId)), scannedAt: new Date(now.getTime()).toISOString() };
  });
}
