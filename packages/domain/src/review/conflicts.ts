/**
 * Conflicts of interest (回避) between an expert and an application (issue 5; docs/review.md). A pure
 * function of the facts the server loads: the expert's units with their dates, the applicant, the
 * corporate groups, the consortium, the participating units, the national records the expert may appear
 * in, the expert's declarations and the applicant's named exclusions. Each reason carries a bilingual
 * explanation for officers (never shown to applicants or experts).
 */
import type { ConflictKind } from '../schemas/review.js';

export interface ConflictReason {
  kind: ConflictKind;
  zh: string;
  en: string;
}

export interface ConflictUnit {
  orgId: string;
  orgName: string;
}

/** One affiliation of the expert (ISO dates; `to` null while current). */
export interface ExpertAffiliationFact extends ConflictUnit {
  from: string | null;
  to: string | null;
}

/** A national record (application or project) with its year, units and people. */
export interface NationalRecordFact {
  kind: 'application' | 'project';
  nationalId: string;
  /** Application year, or the project's start year; null when unknown (then it never counts). */
  year: number | null;
  /** Organisations matched to the record's units (national_units.org_id). */
  orgIds: readonly string[];
  people: readonly { name: string; unitName: string; orgId: string | null }[];
}

export interface ConflictFacts {
  planYear: number;
  /** N: national co-participation counts from plan year − N on. */
  conflictYears: number;
  /** The call's track; consortium membership only counts for 3.1 ('consortium'). */
  track: string;
  expert: { personId: string; name: string; affiliations: readonly ExpertAffiliationFact[] };
  application: {
    applicant: ConflictUnit;
    /** The team leader's name (form.team, role leader), if any. */
    leaderName: string | null;
    participants: readonly ConflictUnit[];
    /** The work plan's consortium members (3.1). */
    consortium: readonly ConflictUnit[];
  };
  /**
   * The corporate group of an organisation: organisations connected through control edges (either
   * direction, any depth) share a key; an organisation without edges has none (see corporateGroups).
   */
  groupOf: (orgId: string) => string | undefined;
  /** National records in which the expert may appear (the function matches the expert itself). */
  nationalRecords: readonly NationalRecordFact[];
  /** The expert's declared conflicts on this application (review_declarations of kind 'conflict'). */
  declarations: readonly { reason: string }[];
  /** The applicant's named exclusions on this application. */
  exclusions: readonly { personName: string; unitName: string; personId: string | null }[];
}

/** Names compared for matching: no spaces, full-width brackets and letters folded, lower case. */
export function normalisePersonName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000·•.]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

/** The expert's current units: affiliations without an end, or ending on/after 1 January of the plan year. */
export function currentUnits(affiliations: readonly ExpertAffiliationFact[], planYear: number): ExpertAffiliationFact[] {
  const start = `${planYear}-01-01`;
  return affiliations.filter((a) => a.to === null || a.to >= start);
}

/**
 * Corporate groups from control edges: the connected components of the undirected graph (parent and
 * subsidiary, either direction, any depth). Returns the group key of every organisation with an edge.
 */
export function corporateGroups(edges: Iterable<{ parent: string; child: string }>): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let at = x;
    while (at !== root) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const e of edges) {
    if (!parent.has(e.parent)) parent.set(e.parent, e.parent);
    if (!parent.has(e.child)) parent.set(e.child, e.child);
    const a = find(e.parent);
    const b = find(e.child);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const out = new Map<string, string>();
  for (const id of parent.keys()) out.set(id, find(id));
  return out;
}

/** Whether a national record lists the expert: same name, and an affiliation's unit (by org id or by name). */
export function expertInRecord(
  expertName: string,
  affiliations: readonly ConflictUnit[],
  record: NationalRecordFact,
): { name: string; unitName: string; orgId: string | null } | null {
  const name = normalisePersonName(expertName);
  const orgIds = new Set(affiliations.map((a) => a.orgId));
  const unitNames = new Set(affiliations.map((a) => normalisePersonName(a.orgName)));
  for (const p of record.people) {
    if (normalisePersonName(p.name) !== name) continue;
    if ((p.orgId !== null && orgIds.has(p.orgId)) || (p.unitName !== '' && unitNames.has(normalisePersonName(p.unitName)))) return p;
  }
  return null;
}

/** The reasons the expert is ruled out of the application; empty when none. */
export function conflictReasons(f: ConflictFacts): ConflictReason[] {
  const out: ConflictReason[] = [];
  const current = currentUnits(f.expert.affiliations, f.planYear);
  const applicant = f.application.applicant;

  // same_unit
  const sameUnit = current.find((u) => u.orgId === applicant.orgId);
  if (sameUnit)
    out.push({
      kind: 'same_unit',
      zh: `专家现任职于申报单位“${applicant.orgName}”`,
      en: `The expert currently works at the applicant, ${applicant.orgName}`,
    });

  // same_group (a different unit of the same corporate group)
  const applicantGroup = f.groupOf(applicant.orgId);
  if (applicantGroup !== undefined) {
    const inGroup = current.find((u) => u.orgId !== applicant.orgId && f.groupOf(u.orgId) === applicantGroup);
    if (inGroup)
      out.push({
        kind: 'same_group',
        zh: `专家所在单位“${inGroup.orgName}”与申报单位“${applicant.orgName}”同属一个企业集团（控制关系）`,
        en: `The expert's unit ${inGroup.orgName} and the applicant ${applicant.orgName} are in the same corporate group (control)`,
      });
  }

  // consortium_member (3.1 only)
  if (f.track === 'consortium') {
    const members = new Map(f.application.consortium.map((m) => [m.orgId, m]));
    const member = current.find((u) => members.has(u.orgId));
    if (member)
      out.push({
        kind: 'consortium_member',
        zh: `专家所在单位“${member.orgName}”是本项目创新联合体成员`,
        en: `The expert's unit ${member.orgName} is a member of the application's consortium`,
      });
  }

  // participating_unit
  const participants = new Map(f.application.participants.map((m) => [m.orgId, m]));
  const participant = current.find((u) => participants.has(u.orgId));
  if (participant)
    out.push({
      kind: 'participating_unit',
      zh: `专家所在单位“${participant.orgName}”是本项目参与单位`,
      en: `The expert's unit ${participant.orgName} is a participating unit of the application`,
    });

  // national_coparticipation: records from plan year − N on, listing the expert and the applicant or the leader.
  const since = f.planYear - f.conflictYears;
  const leader = f.application.leaderName ? normalisePersonName(f.application.leaderName) : null;
  const expertName = normalisePersonName(f.expert.name);
  const seen = new Set<string>();
  for (const r of f.nationalRecords) {
    if (r.year === null || r.year < since) continue;
    const key = `${r.kind}:${r.nationalId}`;
    if (seen.has(key)) continue;
    const me = expertInRecord(f.expert.name, f.expert.affiliations, r);
    if (!me) continue;
    const withApplicant = r.orgIds.includes(applicant.orgId);
    const withLeader = leader !== null && leader !== expertName && r.people.some((p) => p !== me && normalisePersonName(p.name) === leader);
    if (!withApplicant && !withLeader) continue;
    seen.add(key);
    const kindZh = r.kind === 'application' ? '国家项目申报' : '国家项目';
    const kindEn = r.kind === 'application' ? 'national application' : 'national project';
    const whoZh = withApplicant ? `申报单位“${applicant.orgName}”` : `项目负责人${f.application.leaderName}`;
    const whoEn = withApplicant ? `the applicant ${applicant.orgName}` : `the team leader ${f.application.leaderName}`;
    out.push({
      kind: 'national_coparticipation',
      zh: `专家与${whoZh}共同参与${kindZh} ${r.nationalId}（${r.year} 年，近 ${f.conflictYears} 年内）`,
      en: `The expert took part with ${whoEn} in ${kindEn} ${r.nationalId} (${r.year}, within ${f.conflictYears} years)`,
    });
  }

  // declared
  for (const d of f.declarations)
    out.push({
      kind: 'declared',
      zh: `专家声明存在利益冲突：${d.reason}`,
      en: `The expert declared a conflict: ${d.reason}`,
    });

  // applicant_named
  const unitNames = new Set(f.expert.affiliations.map((a) => normalisePersonName(a.orgName)));
  for (const x of f.exclusions) {
    const byId = x.personId !== null && x.personId === f.expert.personId;
    const byName =
      normalisePersonName(x.personName) === expertName && (x.unitName.trim() === '' || unitNames.has(normalisePersonName(x.unitName)));
    if (!byId && !byName) continue;
    const unit = x.unitName.trim() ? `（${x.unitName.trim()}）` : '';
    out.push({
      kind: 'applicant_named',
      zh: `申报单位申请回避：${x.personName}${unit}`,
      en: `The applicant asked to exclude ${x.personName}${x.unitName.trim() ? ` (${x.unitName.trim()})` : ''}`,
    });
    break;
  }
  return out;
}
