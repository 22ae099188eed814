/** Researchers and experts with titles, fields, keywords and affiliation histories. */

import { isGuangzhouRegion, type Affiliation, type ChainRecord, type OrgType, type PersonRecord, type TitleLevel } from '@rdplan/domain';
import { FIELD_CODES, FIELD_DEFS, directionCode, fieldDef } from './data/fields.js';
import { GIVEN_CHARS, HOSPITAL_DEPARTMENTS, SURNAMES } from './data/names.js';
import { addDays, dayNumber, isoFromDay, randomDate } from './dates.js';
import type { OrgDraft } from './organisations.js';
import { Rng, WeightedTable } from './random.js';

/** Professional title names per affiliation type and level (none → no title). */
export const TITLE_NAMES: Readonly<Record<OrgType, Readonly<Record<Exclude<TitleLevel, 'none'>, string>>>> = {
  university: { senior: '教授', associate_senior: '副教授', intermediate: '讲师', junior: '助教' },
  research_institute: { senior: '研究员', associate_senior: '副研究员', intermediate: '助理研究员', junior: '研究实习员' },
  medical_institution: { senior: '主任医师', associate_senior: '副主任医师', intermediate: '主治医师', junior: '医师' },
  enterprise: { senior: '正高级工程师', associate_senior: '高级工程师', intermediate: '工程师', junior: '助理工程师' },
  other: { senior: '正高级工程师', associate_senior: '高级工程师', intermediate: '工程师', junior: '助理工程师' },
};

const LEVEL_ORDER: readonly TitleLevel[] = ['none', 'junior', 'intermediate', 'associate_senior', 'senior'];

const RESEARCHER_LEVELS: readonly (readonly [TitleLevel, number])[] = [
  ['senior', 15],
  ['associate_senior', 30],
  ['intermediate', 35],
  ['junior', 12],
  ['none', 8],
];

/** First year of a career by title level. */
const CAREER_START: Readonly<Record<TitleLevel, readonly [number, number]>> = {
  senior: [1988, 2008],
  associate_senior: [1998, 2015],
  intermediate: [2006, 2019],
  junior: [2014, 2023],
  none: [2010, 2024],
};

const RESEARCHER_TYPES: readonly (readonly [OrgType, number])[] = [
  ['enterprise', 45],
  ['university', 25],
  ['research_institute', 17],
  ['medical_institution', 10],
  ['other', 3],
];

const PREVIOUS_TYPES: Readonly<Record<OrgType, readonly (readonly [OrgType, number])[]>> = {
  university: [
    ['university', 5],
    ['research_institute', 3],
    ['enterprise', 1],
    ['medical_institution', 0.3],
  ],
  research_institute: [
    ['university', 4],
    ['research_institute', 3],
    ['enterprise', 1],
  ],
  medical_institution: [
    ['medical_institution', 6],
    ['university', 2],
  ],
  enterprise: [
    ['enterprise', 5],
    ['university', 2],
    ['research_institute', 1.5],
  ],
  other: [
    ['enterprise', 2],
    ['university', 1],
    ['research_institute', 1],
    ['other', 1],
  ],
};

const EMAIL_DOMAINS: Readonly<Record<OrgType, string>> = {
  university: 'example.edu.cn',
  research_institute: 'example.org.cn',
  medical_institution: 'example.org.cn',
  enterprise: 'example.com.cn',
  other: 'example.org.cn',
};

export interface PeopleOptions {
  seed: number;
  experts: number;
  researchers: number;
  drafts: readonly OrgDraft[];
  chains: readonly ChainRecord[];
  demoUnitUscc: string;
}

export function personKey(index: number): string {
  return `P${String(index + 1).padStart(6, '0')}`;
}

/** Weight of an organisation as a researcher's employer (big groups and Guangzhou employ more). */
function employerWeight(d: OrgDraft): number {
  const gz = isGuangzhouRegion(d.record.regionCode);
  switch (d.record.type) {
    case 'enterprise': {
      const base =
        d.role === 'leader'
          ? 30
          : d.role === 'group_parent'
            ? 6
            : d.role === 'leader_subsidiary'
              ? 3
              : d.role === 'group_subsidiary'
                ? 2
                : d.record.aboveDesignatedSize
                  ? 3
                  : 1;
      return base * (gz ? 3 : 1);
    }
    case 'university':
      return gz ? 4 : 1;
    case 'research_institute':
      return gz ? 3 : 1;
    default:
      return gz ? 2 : 1;
  }
}

class PeopleGenerator {
  private readonly byType = new Map<OrgType, WeightedTable<OrgDraft>>();
  private readonly byTypeField = new Map<string, WeightedTable<OrgDraft>>();
  private readonly leaderGroupByField = new Map<string, WeightedTable<OrgDraft>>();
  private readonly leaderGroupAll = new WeightedTable<OrgDraft>();
  private readonly gzUniversities = new WeightedTable<OrgDraft>();
  private readonly orgByUscc = new Map<string, OrgDraft>();

  constructor(
    private readonly rng: Rng,
    private readonly drafts: readonly OrgDraft[],
  ) {
    for (const d of drafts) {
      this.orgByUscc.set(d.record.uscc, d);
      const w = employerWeight(d);
      let t = this.byType.get(d.record.type);
      if (!t) this.byType.set(d.record.type, (t = new WeightedTable()));
      t.add(d, w);
      if (d.chain !== null) {
        const lw = d.role === 'leader' ? 5 : 1;
        this.leaderGroupAll.add(d, lw);
        let lt = this.leaderGroupByField.get(d.sector);
        if (!lt) this.leaderGroupByField.set(d.sector, (lt = new WeightedTable()));
        lt.add(d, lw);
      }
      if (d.record.type === 'university' && isGuangzhouRegion(d.record.regionCode)) this.gzUniversities.add(d, 1);
    }
  }

  org(uscc: string): OrgDraft {
    const d = this.orgByUscc.get(uscc);
    if (!d) throw new Error(`unknown organisation ${uscc}`);
    return d;
  }

  typeTable(type: OrgType): WeightedTable<OrgDraft> | undefined {
    const t = this.byType.get(type);
    return t && t.size > 0 ? t : undefined;
  }

  /** Employers of one type working in one field; universities and associations cover every field. */
  typeFieldTable(type: OrgType, field: string): WeightedTable<OrgDraft> | undefined {
    if (type === 'university' || type === 'other') return this.typeTable(type);
    if (type === 'medical_institution' && field !== 'F03') return undefined;
    const key = `${type}|${field}`;
    let t = this.byTypeField.get(key);
    if (!t) {
      t = new WeightedTable();
      for (const d of this.drafts) if (d.record.type === type && d.sector === field) t.add(d, employerWeight(d));
      this.byTypeField.set(key, t);
    }
    return t.size > 0 ? t : undefined;
  }

  pickEmployer(type: OrgType, field: string | null): OrgDraft {
    const table =
      (field !== null ? this.typeFieldTable(type, field) : undefined) ??
      this.typeTable(type) ??
      this.typeTable('university') ??
      this.typeTable('enterprise');
    if (!table) throw new Error('no organisations to employ people');
    return table.pick(this.rng);
  }

  leaderGroupMember(field: string): OrgDraft {
    const t = this.leaderGroupByField.get(field);
    return (t && t.size > 0 ? t : this.leaderGroupAll).pick(this.rng);
  }

  gzUniversity(): OrgDraft | undefined {
    return this.gzUniversities.size > 0 ? this.gzUniversities.pick(this.rng) : undefined;
  }

  name(): string {
    const { rng } = this;
    const surname = rng.weighted(SURNAMES);
    const twoChars = surname.length === 1 ? rng.chance(0.86) : rng.chance(0.5);
    return surname + rng.pick(GIVEN_CHARS) + (twoChars ? rng.pick(GIVEN_CHARS) : '');
  }

  position(type: OrgType, level: TitleLevel, field: string, leader: boolean): string {
    const { rng } = this;
    const senior = level === 'senior';
    const assoc = level === 'associate_senior';
    switch (type) {
      case 'university': {
        const school = rng.pick(fieldDef(field).schools);
        if (senior)
          return (
            school +
            rng.weighted<string>([
              ['教授', 4],
              ['院长', 1],
              ['副院长', 1],
              ['重点实验室主任', 1],
              ['系主任', 1],
            ])
          );
        if (assoc)
          return (
            school +
            rng.weighted<string>([
              ['副教授', 4],
              ['系副主任', 1],
              ['研究所副所长', 1],
            ])
          );
        if (level === 'intermediate') return school + rng.pick(['讲师', '专职科研人员', '博士后']);
        return school + rng.pick(['助教', '科研助理', '实验员']);
      }
      case 'research_institute':
        if (senior)
          return rng.weighted<string>([
            ['课题组长', 4],
            ['研究中心主任', 2],
            ['副所长', 1],
            ['首席科学家', 1],
          ]);
        if (assoc)
          return rng.weighted<string>([
            ['课题组长', 2],
            ['研究室副主任', 1],
            ['项目负责人', 2],
          ]);
        if (level === 'intermediate') return rng.pick(['科研骨干', '项目负责人', '工程师']);
        return rng.pick(['科研助理', '研究实习员']);
      case 'medical_institution': {
        const dept = rng.pick(HOSPITAL_DEPARTMENTS);
        if (senior)
          return (
            dept +
            rng.weighted<string>([
              ['主任', 3],
              ['学科带头人', 1],
              ['主任医师', 2],
            ])
          );
        if (assoc) return dept + rng.pick(['副主任', '副主任医师']);
        if (level === 'intermediate') return dept + '主治医师';
        return dept + rng.pick(['住院医师', '技师']);
      }
      case 'enterprise':
        if (senior)
          return rng.weighted<string>([
            ['首席技术官', 2],
            ['研发中心总监', 3],
            ['技术副总经理', 2],
            ['总工程师', 2],
            [leader ? '中央研究院院长' : '研究院院长', 1],
          ]);
        if (assoc) return rng.pick(['研发部经理', '技术总监', '项目总工', '产品线负责人']);
        if (level === 'intermediate') return rng.pick(['研发工程师', '项目经理', '测试工程师', '工艺工程师']);
        return rng.pick(['助理工程师', '技术员', '研发专员']);
      default:
        if (senior || assoc) return rng.pick(['秘书长', '副秘书长', '研究部主任']);
        return rng.pick(['项目主管', '研究专员']);
    }
  }

  /** Field codes: a primary field or one of its directions, optionally more directions or a second field. */
  fieldCodes(primary: string): string[] {
    const { rng } = this;
    const def = fieldDef(primary);
    const dirs = def.directions.map((_, i) => directionCode(primary, i));
    const count = rng.weighted([
      [1, 35],
      [2, 45],
      [3, 20],
    ]);
    const codes = [rng.chance(0.5) ? primary : rng.pick(dirs)];
    while (codes.length < count) {
      let c: string;
      if (rng.chance(0.6)) c = rng.pick(dirs);
      else {
        const other = rng.pick(FIELD_CODES.filter((f) => f !== primary));
        c = rng.chance(0.5) ? other : directionCode(other, rng.int(0, fieldDef(other).directions.length - 1));
      }
      if (!codes.includes(c)) codes.push(c);
    }
    return codes;
  }

  keywords(codes: readonly string[]): string[] {
    const { rng } = this;
    const primary = fieldDef(codes[0]!).keywords;
    const others = [...new Set(codes.slice(1).map((c) => c.slice(0, 3)))]
      .filter((f) => f !== codes[0]!.slice(0, 3))
      .flatMap((f) => fieldDef(f).keywords);
    const count = rng.int(2, 5);
    const fromOthers = others.length > 0 ? rng.int(0, Math.min(2, count - 1)) : 0;
    return [...rng.sample(primary, count - fromOthers), ...rng.sample(others, fromOthers)].filter((k, i, a) => a.indexOf(k) === i);
  }

  /** 1–3 affiliations, oldest first; the last one is current (to: null). */
  affiliations(current: OrgDraft, level: TitleLevel, field: string, count: number): Affiliation[] {
    const { rng } = this;
    const [y0, y1] = CAREER_START[level];
    const start = dayNumber(randomDate(rng, `${y0}-01-01`, `${y1}-12-31`));
    const end = dayNumber('2025-10-31');
    // Cut points between jobs, at least ~a year apart.
    const cuts: number[] = [];
    for (let i = 0; i < count - 1; i++) cuts.push(rng.int(start + 365, Math.max(start + 366, end)));
    cuts.sort((a, b) => a - b);
    const bounds = [start];
    for (const c of cuts) if (c - bounds[bounds.length - 1]! >= 365 && c <= end) bounds.push(c);
    const orgs: OrgDraft[] = [current];
    for (let i = bounds.length - 2; i >= 0; i--) {
      const prevType = rng.weighted(PREVIOUS_TYPES[orgs[0]!.record.type]);
      let prev: OrgDraft | undefined;
      for (let t = 0; t < 10 && prev === undefined; t++) {
        const candidate = this.pickEmployer(prevType, rng.chance(0.7) ? field : null);
        if (!orgs.includes(candidate)) prev = candidate;
      }
      if (prev === undefined) break;
      orgs.unshift(prev);
    }
    const used = bounds.slice(bounds.length - orgs.length);
    const levelIndex = LEVEL_ORDER.indexOf(level);
    return orgs.map((d, i) => {
      const isCurrent = i === orgs.length - 1;
      const stepDown = orgs.length - 1 - i;
      const lvl = LEVEL_ORDER[Math.max(0, levelIndex - stepDown)]!;
      return {
        uscc: d.record.uscc,
        position: this.position(d.record.type, lvl, field, d.role === 'leader'),
        from: isoFromDay(used[i]!),
        to: isCurrent ? null : addDays(isoFromDay(used[i + 1]!), -1),
      };
    });
  }

  person(index: number, isExpert: boolean, employer: OrgDraft, level: TitleLevel, field: string, withEmail: boolean): PersonRecord {
    const { rng } = this;
    const key = personKey(index);
    const type = employer.record.type;
    const codes = this.fieldCodes(field);
    const affCount = isExpert
      ? rng.weighted([
          [1, 35],
          [2, 40],
          [3, 25],
        ])
      : rng.weighted([
          [1, 50],
          [2, 35],
          [3, 15],
        ]);
    return {
      key,
      name: this.name(),
      email: withEmail ? `${key.toLowerCase()}@${EMAIL_DOMAINS[type]}` : null,
      titleLevel: level,
      titleName: level === 'none' ? null : TITLE_NAMES[type][level],
      fieldCodes: codes,
      keywords: this.keywords(codes),
      isExpert,
      affiliations: this.affiliations(employer, level, field, affCount),
    };
  }
}

export function generatePeople(opts: PeopleOptions): PersonRecord[] {
  const { experts, researchers, drafts, chains, demoUnitUscc } = opts;
  for (const [label, n] of [
    ['experts', experts],
    ['researchers', researchers],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${label} must be a non-negative integer, got ${n}`);
  }
  const rng = Rng.derive(opts.seed, 'people');
  const gen = new PeopleGenerator(rng, drafts);
  const people: PersonRecord[] = [];
  const c01Leader = chains.find((c) => c.code === 'C01')?.leaderUsccs[0];

  // Experts: primary fields in round-robin order so that every field has experts.
  let fieldOrder: string[] = [];
  for (let i = 0; i < experts; i++) {
    if (fieldOrder.length === 0) fieldOrder = rng.shuffle(FIELD_CODES);
    const field = fieldOrder.pop()!;
    let employer: OrgDraft;
    if (i === 0) {
      // The demo expert: a Guangzhou university professor.
      employer = gen.gzUniversity() ?? gen.pickEmployer('university', field);
    } else if (i === 1 && c01Leader !== undefined) {
      // An expert inside a chain leader (conflict-of-interest cases).
      employer = gen.org(c01Leader);
    } else if (rng.chance(0.25)) {
      employer = rng.chance(0.35) ? gen.leaderGroupMember(field) : gen.pickEmployer('enterprise', field);
    } else {
      const type = rng.weighted<OrgType>([
        ['university', 45],
        ['research_institute', 35],
        ['medical_institution', field === 'F03' ? 30 : 0],
        ['other', 3],
      ]);
      employer = gen.pickEmployer(type, field);
    }
    const level: TitleLevel = i === 0 || rng.chance(0.75) ? 'senior' : 'associate_senior';
    people.push(gen.person(people.length, true, employer, level, i === 1 ? employer.sector : field, true));
  }

  for (let i = 0; i < researchers; i++) {
    let employer: OrgDraft;
    if (i === 0 && c01Leader !== undefined) employer = gen.org(c01Leader);
    else if (i === 1 || i === 2) employer = gen.org(demoUnitUscc);
    else employer = gen.pickEmployer(rng.weighted(RESEARCHER_TYPES), null);
    const type = employer.record.type;
    const field =
      type === 'university'
        ? rng.chance(0.4)
          ? employer.sector
          : rng.pick(FIELD_DEFS).code
        : type === 'medical_institution'
          ? 'F03'
          : employer.sector;
    const level = i < 3 ? rng.pick<TitleLevel>(['senior', 'associate_senior']) : rng.weighted(RESEARCHER_LEVELS);
    people.push(gen.person(people.length, false, employer, level, field, i < 3 || !rng.chance(0.02)));
  }
  return people;
}
