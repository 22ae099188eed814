/**
 * National Key R&D Program records (4.2) in the JSON shapes of docs/national-records.md, generated
 * from a demo registry: applications 2019–2026 with stages and outcomes, the approved ones as projects
 * with periods, budgets and acceptance, units from the registry AND from outside it (universities,
 * institutes and enterprises across China, with valid credit codes), unit names written the noisy ways
 * real records use, and the true link of every unit kept aside (`truth`) to score the matcher.
 *
 * Deterministic by seed. Names of organisations outside the registry never share a normalised core name
 * with a registry organisation (so that the truth stays well defined: a name that cannot be told apart
 * from a registry organisation's would be a second registry organisation, not noise).
 */

import { makeUscc, normaliseOrgName, USCC_ALPHABET, type OrganisationRecord, type OrgType } from '@rdplan/domain';
import { FIELD_DEFS, directionCode, type FieldDef } from './data/fields.js';
import { OUT_OF_PROVINCE_REGIONS, OTHER_GUANGDONG_REGIONS, type RegionInfo } from './data/geo.js';
import { BRAND_CHARS, GIVEN_CHARS, INSTITUTE_THEMES, SURNAMES, UNIVERSITY_CORES } from './data/names.js';
import type { DemoRegistry } from './generate.js';
import { Rng } from './random.js';

export interface NationalUnitJson {
  uscc?: string;
  name: string;
}

export interface NationalApplicationJson {
  nationalId: string;
  year: number;
  programme: string;
  direction: string;
  fieldCode: string | null;
  title: string;
  lead: NationalUnitJson;
  leaderName: string | null;
  participants: NationalUnitJson[];
  stage: 'formal_check' | 'first_round' | 'final_defence';
  outcome: 'pending' | 'approved' | 'not_approved';
}

export interface NationalProjectJson {
  nationalId: string;
  applicationNationalId: string | null;
  title: string;
  programme: string;
  direction: string;
  fieldCode: string | null;
  startDate: string;
  endDate: string;
  budget: { central: number; local: number; self: number };
  lead: NationalUnitJson & { type: OrgType; regionCode: string };
  participants: NationalUnitJson[];
  people: { name: string; role: string; unit: string }[];
  acceptance: { date: string; result: 'passed' | 'failed' } | null;
}

export interface NationalTruth {
  kind: 'application' | 'project';
  nationalId: string;
  /** 0 = lead, 1… = participants in order. */
  position: number;
  /** Credit code of the registry organisation the unit really is; null = not in the registry. */
  uscc: string | null;
}

export interface NationalOptions {
  seed?: number;
  size: 'demo' | 'bench';
}

export interface NationalData {
  applications: NationalApplicationJson[];
  projects: NationalProjectJson[];
  truth: NationalTruth[];
}

const SIZES = {
  demo: { applications: 600, projects: 150, externals: 250 },
  bench: { applications: 100_000, projects: 20_000, externals: 12_000 },
} as const;

/** Share of rows whose credit code is left out, and of names with a typo. */
const MISSING_USCC = 0.6;
const TYPO = 0.015;

/** Programme (重点专项) names per field. */
const PROGRAMMES: Record<string, readonly string[]> = {
  F01: ['信息光子技术', '宽带通信和新型网络', '高性能计算'],
  F02: ['新一代人工智能', '智能机器人'],
  F03: ['生物与信息融合', '诊疗装备与生物医用材料', '常见多发病防治研究'],
  F04: ['高端功能与智能材料', '先进结构与复合材料', '重点基础材料技术提升与产业化'],
  F05: ['可再生能源技术', '氢能技术', '储能与智能电网技术'],
  F06: ['智能传感器', '增材制造与激光制造', '高性能制造技术与重大装备'],
  F07: ['新能源汽车', '交通载运装备与智能交通技术'],
  F08: ['深海和极地关键技术与装备', '海洋环境安全保障与岛礁可持续发展'],
  F09: ['工厂化农业关键技术与智能农机装备', '食品制造与农产品物流科技支撑'],
  F10: ['微纳电子技术', '集成电路与新型显示'],
  F11: ['文化科技与现代服务业', '数字创意'],
  F12: ['大气与土壤、地下水污染综合治理', '城镇可持续发展关键技术与装备', '重大自然灾害防控与公共安全'],
};
const TITLE_HEADS = ['面向', '基于', '', '', '新型'];
const TITLE_TAILS = ['关键技术研究', '关键技术与应用示范', '核心装备研制', '技术攻关与产业化', '基础理论与关键技术', '集成示范'];
const PROGRAMME_LETTERS = 'ABCDEFGHJK';

const INDUSTRIES = FIELD_DEFS.flatMap((f) => f.industries);

interface UnitTruth {
  uscc: string;
  name: string;
  formerNames: string[];
  type: OrgType;
  regionCode: string;
  inRegistry: boolean;
  /** Province / city prefixes that may be written before the name (广东省, 北京市 …). */
  prefixes: string[];
  people: string[];
}

function regionPrefixes(r: RegionInfo): string[] {
  const out = [r.city];
  if (r.province) out.push(r.province, r.province + r.city);
  return out;
}

function regionOfCode(code: string): RegionInfo | null {
  for (const r of [...OTHER_GUANGDONG_REGIONS, ...OUT_OF_PROVINCE_REGIONS]) if (r.code === code) return r;
  return null;
}

function prefixesFor(o: OrganisationRecord): string[] {
  if (o.regionCode.startsWith('4401')) return ['广州市', '广东省', '广东省广州市'];
  const r = regionOfCode(o.regionCode);
  if (r) return r.province ? regionPrefixes(r) : [r.city];
  return o.regionCode.startsWith('44') ? ['广东省'] : [];
}

class NationalGenerator {
  private readonly cores = new Set<string>();
  private readonly codes = new Set<string>();
  readonly registry: UnitTruth[];
  readonly registryWeighted: UnitTruth[] = [];
  readonly externals: UnitTruth[] = [];

  constructor(
    private readonly rng: Rng,
    reg: DemoRegistry,
  ) {
    this.registry = reg.organisations.map((o) => {
      this.codes.add(o.uscc);
      this.cores.add(normaliseOrgName(o.name));
      for (const f of o.formerNames) this.cores.add(normaliseOrgName(f.name));
      return {
        uscc: o.uscc,
        name: o.name,
        formerNames: o.formerNames.map((f) => f.name),
        type: o.type,
        regionCode: o.regionCode,
        inRegistry: true,
        prefixes: prefixesFor(o),
        people: [],
      };
    });
    // Universities and institutes take part in national projects far more often than an average firm.
    for (const u of this.registry) {
      const w = u.type === 'university' ? 8 : u.type === 'research_institute' ? 5 : u.type === 'medical_institution' ? 2 : 1;
      for (let i = 0; i < w; i++) this.registryWeighted.push(u);
    }
  }

  personName(): string {
    const { rng } = this;
    const surname = rng.weighted(SURNAMES);
    return surname + rng.pick(GIVEN_CHARS) + (rng.chance(0.8) ? rng.pick(GIVEN_CHARS) : '');
  }

  uscc(type: OrgType, regionCode: string): string {
    const { rng } = this;
    for (;;) {
      const [authority, category] = type === 'enterprise' ? ['9', '1'] : ['1', '2'];
      const body =
        type === 'enterprise' && rng.chance(0.7)
          ? 'MA' + rng.pick(['0', '1', '2', '4', '6', '7']) + rng.chars(USCC_ALPHABET, 5)
          : rng.chars('123456789', 1) + rng.chars('0123456789', 7);
      const code = makeUscc(authority, category, regionCode, body);
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  /** An organisation outside the registry: mostly outside Guangzhou, with a plausible made-up name. */
  external(): UnitTruth {
    const { rng } = this;
    const region = rng.chance(0.8) ? rng.pick(OUT_OF_PROVINCE_REGIONS) : rng.pick(OTHER_GUANGDONG_REGIONS);
    const city = region.city.replace(/市$/, '');
    for (;;) {
      const r = rng.next();
      let type: OrgType;
      let name: string;
      const brand = rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
      if (r < 0.2) {
        type = 'university';
        name = `${rng.chance(0.5) ? city : brand}${rng.pick(UNIVERSITY_CORES)}${rng.pick(['大学', '科技大学', '理工大学', '工业大学', '学院'])}`;
      } else if (r < 0.4) {
        type = 'research_institute';
        const theme = rng.pick(INSTITUTE_THEMES)[0];
        name = rng.chance(0.4)
          ? `中国科学院${city}${brand}${theme}研究所`
          : `${region.province || region.city}${brand}${theme}${rng.pick(['研究院', '研究所', '技术研究中心'])}`;
      } else {
        type = 'enterprise';
        name = `${rng.chance(0.6) ? region.city : city}${brand}${rng.pick(INDUSTRIES)}${rng.chance(0.2) ? '股份有限公司' : '有限公司'}`;
      }
      const core = normaliseOrgName(name);
      if (this.cores.has(core)) continue;
      this.cores.add(core);
      const u: UnitTruth = {
        uscc: this.uscc(type, region.code),
        name,
        formerNames: [],
        type,
        regionCode: region.code,
        inRegistry: false,
        prefixes: region.province ? regionPrefixes(region) : [region.city],
        people: [],
      };
      this.externals.push(u);
      return u;
    }
  }

  pickUnit(registryShare: number): UnitTruth {
    return this.rng.chance(registryShare) ? this.rng.pick(this.registryWeighted) : this.rng.pick(this.externals);
  }

  /** The unit's name as a record writes it. */
  noisyName(u: UnitTruth): string {
    const { rng } = this;
    let name = u.formerNames.length > 0 && rng.chance(0.25) ? rng.pick(u.formerNames) : u.name;
    // Legal form swapped or dropped.
    if (rng.chance(0.12) && /有限公司$/.test(name)) {
      const r = rng.next();
      name = name.replace(
        /(股份有限公司|有限责任公司|有限公司)$/,
        r < 0.4 ? '股份有限公司' : r < 0.6 ? '有限责任公司' : r < 0.8 ? '有限公司' : '公司',
      );
    }
    // City / province prefix dropped, or added.
    const lead = u.prefixes.find((p) => name.startsWith(p)) ?? ['广州市', '广州', '广东省', '广东'].find((p) => name.startsWith(p));
    if (lead && rng.chance(0.12) && name.length - lead.length >= 4) name = name.slice(lead.length);
    else if (!lead && u.prefixes.length > 0 && rng.chance(0.1)) name = rng.pick(u.prefixes) + name;
    else if (lead === '广州' && rng.chance(0.15)) name = '广东省广州市' + name.slice(2);
    // Brackets of another kind.
    if (name.includes('（') && rng.chance(0.4))
      name = name.replace('（', rng.pick(['(', '【', '['])).replace('）', rng.pick([')', '】', ']']));
    // One wrong character inside the name.
    if (rng.chance(TYPO) && name.length > 6) {
      const at = rng.int(2, name.length - 4);
      name = name.slice(0, at) + rng.pick(GIVEN_CHARS) + name.slice(at + 1);
    }
    // Full-width spaces and stray spaces.
    if (rng.chance(0.06)) {
      const at = rng.int(1, name.length - 1);
      name = name.slice(0, at) + rng.pick([' ', '　', '  ']) + name.slice(at);
    }
    if (rng.chance(0.03)) name = name + rng.pick([' ', '　']);
    return name;
  }

  unitJson(u: UnitTruth): NationalUnitJson {
    const name = this.noisyName(u);
    return this.rng.chance(MISSING_USCC) ? { name } : { uscc: u.uscc, name };
  }

  /** A person of the unit: often one already seen (people recur across records). */
  person(u: UnitTruth): string {
    if (u.people.length > 0 && this.rng.chance(Math.min(0.75, u.people.length / 6))) return this.rng.pick(u.people);
    const p = this.personName();
    u.people.push(p);
    return p;
  }
}

function addYears(date: string, years: number, days = 0): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function title(rng: Rng, field: FieldDef, direction: string): string {
  return `${rng.pick(TITLE_HEADS)}${rng.pick(field.keywords)}的${direction}${rng.pick(TITLE_TAILS)}`.replace(/^的/, '');
}

/**
 * Generates national applications and projects from the registry. 'demo': 600 applications and 150
 * projects; 'bench': 100,000 applications, 20,000 projects and about 500,000 unit rows.
 */
export function generateNational(registry: DemoRegistry, options: NationalOptions): NationalData {
  const size = SIZES[options.size];
  const rng = Rng.derive(options.seed ?? 20260101, `national-${options.size}`);
  const gen = new NationalGenerator(rng, registry);
  for (let i = 0; i < size.externals; i++) gen.external();

  const applications: NationalApplicationJson[] = [];
  const projects: NationalProjectJson[] = [];
  const truth: NationalTruth[] = [];
  const unitsOf = new Map<string, UnitTruth[]>();

  const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
  for (let i = 0; i < size.applications; i++) {
    const year = years[Math.floor((i * years.length) / size.applications)]!;
    const field = rng.pick(FIELD_DEFS);
    const dirIndex = rng.int(0, field.directions.length - 1);
    const direction = field.directions[dirIndex]![0];
    const letter = PROGRAMME_LETTERS[FIELD_DEFS.indexOf(field) % PROGRAMME_LETTERS.length]!;
    const nationalId = `${year}YF${letter}${String(1_000_000 + i).padStart(7, '0')}`;
    const lead = gen.pickUnit(0.55);
    const participants: UnitTruth[] = [];
    const count = rng.weighted<number>([
      [0, 2],
      [1, 3],
      [2, 4],
      [3, 4],
      [4, 3],
      [5, 2],
      [6, 1],
      [7, 1],
      [8, 1],
    ]);
    for (let k = 0; k < count; k++) {
      const u = gen.pickUnit(0.45);
      if (u !== lead && !participants.includes(u)) participants.push(u);
    }
    const r = rng.next();
    const stage = r < 0.2 ? 'formal_check' : r < 0.7 ? 'first_round' : 'final_defence';
    const outcome =
      year === 2026 && rng.chance(0.7) ? 'pending' : stage === 'final_defence' && rng.chance(0.72) ? 'approved' : 'not_approved';
    const all = [lead, ...participants];
    unitsOf.set(nationalId, all);
    all.forEach((u, position) => truth.push({ kind: 'application', nationalId, position, uscc: u.inRegistry ? u.uscc : null }));
    applications.push({
      nationalId,
      year,
      programme: `"${rng.pick(PROGRAMMES[field.code] ?? [field.nameZh])}"重点专项`,
      direction,
      fieldCode: directionCode(field.code, dirIndex),
      title: title(rng, field, direction),
      lead: gen.unitJson(lead),
      leaderName: gen.person(lead),
      participants: participants.map((u) => gen.unitJson(u)),
      stage,
      outcome,
    });
  }

  // Projects: the approved applications, then older projects (2017–2018) without an application here.
  const approved = applications.filter((a) => a.outcome === 'approved').slice(0, size.projects);
  for (let i = 0; projects.length < size.projects; i++) {
    const app = approved[i];
    const year = app ? app.year : rng.pick([2017, 2018]);
    const field = app ? (FIELD_DEFS.find((f) => app.fieldCode?.startsWith(f.code)) ?? rng.pick(FIELD_DEFS)) : rng.pick(FIELD_DEFS);
    const dirIndex = app ? Number(app.fieldCode!.slice(4)) - 1 : rng.int(0, field.directions.length - 1);
    const direction = field.directions[dirIndex]?.[0] ?? field.directions[0]![0];
    const nationalId = app ? app.nationalId : `${year}YFC${String(5_000_000 + i).padStart(7, '0')}`;
    let units = app ? unitsOf.get(app.nationalId)! : [];
    if (!app) {
      const lead = gen.pickUnit(0.5);
      units = [lead];
      const n = rng.int(2, 9);
      for (let k = 0; k < n; k++) {
        const u = gen.pickUnit(0.45);
        if (!units.includes(u)) units.push(u);
      }
    } else if (units.length < 3) {
      // A project brings in more undertaking units than the application listed.
      const u = gen.pickUnit(0.45);
      if (!units.includes(u)) units = [...units, u];
    }
    const lead = units[0]!;
    const startDate = `${year + (rng.chance(0.6) ? 0 : 1)}-${rng.pick(['01-01', '07-01', '11-01', '12-01'])}`;
    const endDate = addYears(startDate, rng.pick([3, 3, 4, 5]), -1);
    const central = rng.int(20, 400) * 100_000;
    const ended = endDate < '2026-06-30';
    const acceptedOn = addYears(endDate, 0, rng.int(60, 240));
    const accepted = ended && rng.chance(0.85) && acceptedOn <= '2026-11-20';
    units.forEach((u, position) => truth.push({ kind: 'project', nationalId, position, uscc: u.inRegistry ? u.uscc : null }));
    const leadJson = gen.unitJson(lead);
    const people = units.slice(0, rng.int(1, Math.min(units.length, 5))).map((u, k) => ({
      name: k === 0 && app?.leaderName ? app.leaderName : gen.person(u),
      role: k === 0 ? '项目负责人' : '课题负责人',
      unit: gen.noisyName(u),
    }));
    projects.push({
      nationalId,
      applicationNationalId: app ? app.nationalId : null,
      title: app ? app.title : title(rng, field, direction),
      programme: app ? app.programme : `"${rng.pick(PROGRAMMES[field.code] ?? [field.nameZh])}"重点专项`,
      direction,
      fieldCode: app ? app.fieldCode : directionCode(field.code, dirIndex),
      startDate,
      endDate,
      budget: {
        central,
        local: rng.chance(0.3) ? rng.int(1, 30) * 100_000 : 0,
        self: lead.type === 'enterprise' ? Math.round(central * (1 + rng.next() * 2)) : rng.chance(0.5) ? rng.int(0, 50) * 100_000 : 0,
      },
      lead: { ...leadJson, type: lead.type, regionCode: lead.regionCode },
      participants: units.slice(1).map((u) => gen.unitJson(u)),
      people,
      acceptance: accepted ? { date: acceptedOn, result: rng.chance(0.93) ? 'passed' : 'failed' } : null,
    });
  }
  return { applications, projects, truth };
}
