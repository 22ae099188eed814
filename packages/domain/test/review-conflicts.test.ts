import { describe, expect, it } from 'vitest';
import {
  conflictReasons,
  corporateGroups,
  currentUnits,
  expertInRecord,
  type ConflictFacts,
  type NationalRecordFact,
} from '../src/review/conflicts.js';
import { CONFLICT_KINDS } from '../src/schemas/review.js';

const APPLICANT = { orgId: 'org-app', orgName: '广州申报科技有限公司' };
const EXPERT_ORG = { orgId: 'org-exp', orgName: '华南理工大学' };

/** Facts with no conflict at all; each test changes one thing. */
function facts(over: Partial<ConflictFacts> = {}): ConflictFacts {
  return {
    planYear: 2026,
    conflictYears: 3,
    track: 'backfill',
    expert: { personId: 'p1', name: '李华', affiliations: [{ ...EXPERT_ORG, from: '2015-01-01', to: null }] },
    application: { applicant: APPLICANT, leaderName: '张明', participants: [], consortium: [] },
    groupOf: () => undefined,
    nationalRecords: [],
    declarations: [],
    exclusions: [],
    ...over,
  };
}

const kinds = (f: ConflictFacts) => conflictReasons(f).map((r) => r.kind);

function record(over: Partial<NationalRecordFact> = {}): NationalRecordFact {
  return {
    kind: 'project',
    nationalId: '2024YFB0000001',
    year: 2024,
    orgIds: [APPLICANT.orgId],
    people: [
      { name: '李华', unitName: EXPERT_ORG.orgName, orgId: null },
      { name: '王五', unitName: APPLICANT.orgName, orgId: APPLICANT.orgId },
    ],
    ...over,
  };
}

describe('conflicts of interest', () => {
  it('finds none when nothing links the expert to the application', () => {
    expect(conflictReasons(facts())).toEqual([]);
  });

  it('same_unit: a current affiliation at the applicant; an affiliation that ended before the plan year does not count', () => {
    const current = facts({ expert: { personId: 'p1', name: '李华', affiliations: [{ ...APPLICANT, from: '2020-01-01', to: null }] } });
    const reasons = conflictReasons(current);
    expect(reasons.map((r) => r.kind)).toEqual(['same_unit']);
    expect(reasons[0]!.zh).toContain(APPLICANT.orgName);
    expect(reasons[0]!.en).toContain(APPLICANT.orgName);
    // Ending on the plan year's first day still counts; the day before does not.
    const endsOnStart = facts({
      expert: { personId: 'p1', name: '李华', affiliations: [{ ...APPLICANT, from: '2020-01-01', to: '2026-01-01' }] },
    });
    expect(kinds(endsOnStart)).toEqual(['same_unit']);
    const ended = facts({
      expert: { personId: 'p1', name: '李华', affiliations: [{ ...APPLICANT, from: '2020-01-01', to: '2025-12-31' }] },
    });
    expect(kinds(ended)).toEqual([]);
    expect(currentUnits(ended.expert.affiliations, 2026)).toEqual([]);
  });

  it('same_group: connected through control edges in either direction, through a subsidiary of a subsidiary', () => {
    // holding → sub → subsub (the applicant); the expert works at the holding, or at a sibling.
    const groups = corporateGroups([
      { parent: 'holding', child: 'sub' },
      { parent: 'sub', child: 'org-app' },
      { parent: 'holding', child: 'sibling' },
      { parent: 'other-parent', child: 'other-child' },
    ]);
    const groupOf = (id: string) => groups.get(id);
    const at = (orgId: string) =>
      facts({ groupOf, expert: { personId: 'p1', name: '李华', affiliations: [{ orgId, orgName: orgId, from: null, to: null }] } });
    expect(kinds(at('holding'))).toEqual(['same_group']);
    expect(kinds(at('sibling'))).toEqual(['same_group']);
    expect(conflictReasons(at('holding'))[0]!.en).toContain('holding');
    expect(kinds(at('other-child'))).toEqual([]);
    // The applicant's own unit is same_unit, not also same_group.
    expect(kinds(at('org-app'))).toEqual(['same_unit']);
    // A subsidiary of a subsidiary applies; the expert is at the top.
    const reverse = corporateGroups([
      { parent: 'org-app', child: 'a' },
      { parent: 'a', child: 'b' },
    ]);
    expect(
      kinds(
        facts({
          groupOf: (id) => reverse.get(id),
          expert: { personId: 'p1', name: '李华', affiliations: [{ orgId: 'b', orgName: 'b', from: null, to: null }] },
        }),
      ),
    ).toEqual(['same_group']);
  });

  it('consortium_member: only on the consortium track (3.1)', () => {
    const consortium = [EXPERT_ORG];
    const application = { ...facts().application, consortium };
    expect(kinds(facts({ track: 'consortium', application }))).toEqual(['consortium_member']);
    expect(kinds(facts({ track: 'backfill', application }))).toEqual([]);
  });

  it('participating_unit: the expert’s unit takes part in the application', () => {
    const application = { ...facts().application, participants: [EXPERT_ORG] };
    const reasons = conflictReasons(facts({ application }));
    expect(reasons.map((r) => r.kind)).toEqual(['participating_unit']);
    expect(reasons[0]!.zh).toContain(EXPERT_ORG.orgName);
  });

  it('national_coparticipation: with the applicant, within N years (plan year − N counts, − N − 1 does not)', () => {
    const inWindow = conflictReasons(facts({ nationalRecords: [record({ year: 2023 })] }));
    expect(inWindow.map((r) => r.kind)).toEqual(['national_coparticipation']);
    expect(inWindow[0]!.en).toContain('2024YFB0000001');
    expect(inWindow[0]!.en).toContain('2023');
    expect(kinds(facts({ nationalRecords: [record({ year: 2022 })] }))).toEqual([]);
    expect(kinds(facts({ conflictYears: 4, nationalRecords: [record({ year: 2022 })] }))).toEqual(['national_coparticipation']);
    expect(kinds(facts({ nationalRecords: [record({ year: null })] }))).toEqual([]);
  });

  it('national_coparticipation: with the team leader matched by name in the same record', () => {
    const r = record({
      orgIds: ['elsewhere'],
      people: [
        { name: '李华', unitName: EXPERT_ORG.orgName, orgId: null },
        { name: '张明', unitName: '某大学', orgId: null },
      ],
    });
    const reasons = conflictReasons(facts({ nationalRecords: [r] }));
    expect(reasons.map((x) => x.kind)).toEqual(['national_coparticipation']);
    expect(reasons[0]!.zh).toContain('张明');
    // Another leader: no conflict.
    expect(kinds(facts({ nationalRecords: [r], application: { ...facts().application, leaderName: '赵六' } }))).toEqual([]);
  });

  it('national_coparticipation: the expert is matched by name plus one of their units (org id or unit name)', () => {
    const namesake = record({ people: [{ name: '李华', unitName: '别的大学', orgId: 'org-other' }] });
    expect(kinds(facts({ nationalRecords: [namesake] }))).toEqual([]);
    const byOrgId = record({ people: [{ name: '李 华', unitName: '', orgId: EXPERT_ORG.orgId }] });
    expect(kinds(facts({ nationalRecords: [byOrgId] }))).toEqual(['national_coparticipation']);
    // A past affiliation matches too (the record may be years old).
    const past = facts({
      expert: {
        personId: 'p1',
        name: '李华',
        affiliations: [
          { orgId: 'org-old', orgName: '旧单位', from: '2010-01-01', to: '2023-06-30' },
          { ...EXPERT_ORG, from: '2023-07-01', to: null },
        ],
      },
      nationalRecords: [record({ people: [{ name: '李华', unitName: '旧单位', orgId: null }] })],
    });
    expect(kinds(past)).toEqual(['national_coparticipation']);
    expect(expertInRecord('李华', [EXPERT_ORG], namesake)).toBeNull();
  });

  it('declared: the expert declared a conflict, with the reason', () => {
    const reasons = conflictReasons(facts({ declarations: [{ reason: '曾为申报单位顾问' }] }));
    expect(reasons.map((r) => r.kind)).toEqual(['declared']);
    expect(reasons[0]!.zh).toContain('曾为申报单位顾问');
  });

  it('applicant_named: same name with a matching unit, or no unit given; another unit does not match', () => {
    expect(kinds(facts({ exclusions: [{ personName: '李华', unitName: '华南理工大学', personId: null }] }))).toEqual(['applicant_named']);
    expect(kinds(facts({ exclusions: [{ personName: '李华', unitName: '', personId: null }] }))).toEqual(['applicant_named']);
    expect(kinds(facts({ exclusions: [{ personName: '李华', unitName: '中山大学', personId: null }] }))).toEqual([]);
    expect(kinds(facts({ exclusions: [{ personName: '王五', unitName: '', personId: null }] }))).toEqual([]);
    expect(kinds(facts({ exclusions: [{ personName: '李華', unitName: '其他', personId: 'p1' }] }))).toEqual(['applicant_named']);
  });

  it('lists every reason that holds, each with zh and en text', () => {
    const all = facts({
      track: 'consortium',
      expert: {
        personId: 'p1',
        name: '李华',
        affiliations: [
          { ...APPLICANT, from: null, to: null },
          { orgId: 'sister', orgName: '姊妹公司', from: null, to: null },
          { ...EXPERT_ORG, from: null, to: null },
        ],
      },
      groupOf: (id) => (id === 'sister' || id === 'org-app' ? 'g' : undefined),
      application: { applicant: APPLICANT, leaderName: '张明', participants: [EXPERT_ORG], consortium: [EXPERT_ORG] },
      nationalRecords: [record()],
      declarations: [{ reason: '亲属关系' }],
      exclusions: [{ personName: '李华', unitName: '', personId: null }],
    });
    const reasons = conflictReasons(all);
    expect(new Set(reasons.map((r) => r.kind))).toEqual(new Set(CONFLICT_KINDS));
    for (const r of reasons) {
      expect(r.zh.length).toBeGreaterThan(4);
      expect(r.en.length).toBeGreaterThan(4);
    }
  });
});
