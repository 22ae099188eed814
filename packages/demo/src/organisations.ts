/**
 * Organisations and corporate control: chain-leader groups, other enterprise groups, standalone
 * enterprises, universities, research institutes, medical institutions and other organisations.
 */

import {
  isGuangzhouRegion,
  makeUscc,
  USCC_ALPHABET,
  type ChainRecord,
  type ControlEdge,
  type OrganisationRecord,
  type OrgType,
} from '@rdplan/domain';
import { CHAIN_DEFS, type ChainDef } from './data/chains.js';
import { FIELD_DEFS, fieldDef } from './data/fields.js';
import {
  CITY_PREFIXES,
  GUANGZHOU_DISTRICTS,
  GUANGZHOU_DISTRICT_WEIGHTS,
  GUANGZHOU_UNIVERSITY_DISTRICT_WEIGHTS,
  OTHER_GUANGDONG_REGIONS,
  OTHER_GUANGDONG_WEIGHTS,
  OUT_OF_PROVINCE_REGIONS,
  regionInfo,
  type RegionInfo,
} from './data/geo.js';
import {
  ASSOCIATION_KINDS,
  ASSOCIATION_THEMES,
  BLOCKED_BRANDS,
  BLOCKED_UNIVERSITY_NAMES,
  BRAND_CHARS,
  HOSPITAL_KINDS,
  INSTITUTE_THEMES,
  UNIVERSITY_CORES,
  UNIVERSITY_SUFFIXES,
  chineseNumber,
} from './data/names.js';
import { isoDate, periodEnd, randomDate } from './dates.js';
import { Rng, WeightedTable } from './random.js';

/** Smallest registry the generator can build (21 chain leaders with 3 subsidiaries each need room). */
export const MIN_ORGANISATIONS = 120;

/** Target shares (the task's defaults). */
export const TYPE_SHARES: Readonly<Record<OrgType, number>> = {
  enterprise: 0.78,
  university: 0.06,
  research_institute: 0.08,
  medical_institution: 0.05,
  other: 0.03,
};
export const GUANGZHOU_SHARE = 0.75;
export const ABOVE_DESIGNATED_SIZE_SHARE = 0.35;
export const HNTE_SHARE = 0.4;
export const TECH_SME_SHARE = 0.3;

export type OrgRole = 'leader' | 'leader_subsidiary' | 'group_parent' | 'group_subsidiary' | 'standalone' | 'institution';

/** An organisation with the generator's own metadata (never part of the output). */
export interface OrgDraft {
  record: OrganisationRecord;
  role: OrgRole;
  /** Field (F01..F12) the organisation works in; universities and associations: their main one. */
  sector: string;
  /** uscc of the top of its corporate group (itself for a group's root), null when not in a group. */
  groupRoot: string | null;
  /** Chain code when the organisation belongs to a chain leader's group. */
  chain: string | null;
  /** Brand of a corporate group (for subsidiaries' names). */
  brand: string | null;
}

export interface OrganisationsResult {
  drafts: OrgDraft[];
  chains: ChainRecord[];
  controlEdges: ControlEdge[];
  /** The ordinary Guangzhou enterprise prepared for the unit_admin / unit_member demo accounts. */
  demoUnitUscc: string;
}

/** Weighted tables over regions. */
const GZ_TABLE = new WeightedTable(GUANGZHOU_DISTRICTS.map((r) => [r, GUANGZHOU_DISTRICT_WEIGHTS[r.code] ?? 1] as const));
const GZ_UNIVERSITY_TABLE = new WeightedTable(
  GUANGZHOU_DISTRICTS.map((r) => [r, GUANGZHOU_UNIVERSITY_DISTRICT_WEIGHTS[r.code] ?? 1] as const),
);
const GD_TABLE = new WeightedTable(OTHER_GUANGDONG_REGIONS.map((r) => [r, OTHER_GUANGDONG_WEIGHTS[r.code] ?? 1] as const));
const GD_FACTORY_TABLE = new WeightedTable(OTHER_GUANGDONG_REGIONS.map((r) => [r, r.cityShort === '深圳' ? 2 : 4] as const));

/** High-tech certificate batches (issue dates) per year, and how the issue years are spread. */
const HNTE_BATCHES: Readonly<Record<number, readonly string[]>> = {
  2021: ['2021-12-20', '2021-12-31'],
  2022: ['2022-12-19', '2022-12-22'],
  2023: ['2023-11-30', '2023-12-28'],
  2024: ['2024-11-19', '2024-12-11'],
  2025: ['2025-11-05', '2025-12-09'],
};
const HNTE_YEAR_WEIGHTS: readonly (readonly [number, number])[] = [
  [2021, 8],
  [2022, 20],
  [2023, 30],
  [2024, 22],
  [2025, 20],
];

/** How many subsidiaries a chain leader's group has (3–12). */
const SUBSIDIARY_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [
  [3, 1],
  [4, 2],
  [5, 3],
  [6, 3],
  [7, 3],
  [8, 3],
  [9, 2],
  [10, 2],
  [11, 1],
  [12, 1],
];

class Generator {
  readonly drafts: OrgDraft[] = [];
  readonly edges: ControlEdge[] = [];
  private readonly codes = new Set<string>();
  private readonly names = new Set<string>();
  private readonly groupBrands = new Set<string>();
  private readonly certNos = new Set<string>();
  private readonly hospitalOrdinal = new Map<string, number>();
  private readonly affiliatedOrdinal = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  // ---- primitives -------------------------------------------------------------------------------

  /** Claims a name; returns false when it is taken (current or former name of another organisation). */
  claimName(name: string): boolean {
    if (this.names.has(name)) return false;
    this.names.add(name);
    return true;
  }

  /** Tries `make` until it yields a free name; after many attempts appends a distinguishing suffix. */
  uniqueName(make: (attempt: number) => string): string {
    for (let attempt = 0; attempt < 40; attempt++) {
      const name = make(attempt);
      if (this.claimName(name)) return name;
    }
    const base = make(40);
    for (let n = 2; ; n++) {
      // Only reached in very large registries whose vocabulary is exhausted.
      const name = base.replace(
        /(有限公司|股份有限公司|大学|学院|研究院|研究所|医院|协会|学会|联盟|促进会|基金会)$/,
        `${chineseNumber(Math.min(n, 9999))}$1`,
      );
      const candidate = name === base ? `${base}（${n}）` : name;
      if (this.claimName(candidate)) return candidate;
      if (n > 9999) throw new Error(`cannot find a unique name near ${base}`);
    }
  }

  uscc(type: OrgType, regionCode: string, opts: { category?: string; modern?: boolean } = {}): string {
    const { rng } = this;
    let authority: string;
    let category: string;
    if (type === 'enterprise') {
      authority = '9';
      category = '1';
    } else if (type === 'university' || type === 'research_institute') {
      authority = '1';
      category = '2';
    } else if (type === 'medical_institution') {
      authority = opts.category === '2' ? '5' : '1';
      category = '2';
    } else {
      authority = '5';
      category = opts.category ?? '1';
    }
    const modern = opts.modern ?? (type === 'enterprise' ? rng.chance(0.72) : rng.chance(authority === '1' ? 0.06 : 0.3));
    for (;;) {
      let body: string;
      if (modern) {
        // Post-2015 codes: MA… for companies, MB… for public institutions, MJ… for social organisations.
        const head = authority === '9' ? 'MA' : authority === '1' ? 'MB' : 'MJ';
        body = head + rng.pick(['5', '5', '5', '9', 'C', '4']) + rng.chars(USCC_ALPHABET, 5);
      } else if (authority === '1') {
        body = rng.pick(['4', '4', '7']) + rng.chars('0123456789', 7);
      } else {
        body = rng.chars('1234567', 1) + rng.chars('0123456789', 7);
      }
      const code = makeUscc(authority, category, regionCode, body);
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  brand(forGroup: boolean): string {
    for (let i = 0; i < 1000; i++) {
      const a = this.rng.pick(BRAND_CHARS);
      const b = this.rng.pick(BRAND_CHARS);
      const brand = a + b;
      if (a === b || BLOCKED_BRANDS.has(brand) || this.groupBrands.has(brand)) continue;
      if (forGroup) this.groupBrands.add(brand);
      return brand;
    }
    throw new Error('brand vocabulary exhausted');
  }

  address(region: RegionInfo, opts: { campus?: boolean } = {}): string {
    const { rng } = this;
    const road = rng.pick(region.roads);
    const no = rng.int(1, opts.campus ? 400 : 1288);
    let tail = '';
    if (!opts.campus) {
      const r = rng.next();
      if (r < 0.45) tail = `${rng.int(1, 12)}栋${rng.int(1, 28)}${String(rng.int(1, 20)).padStart(2, '0')}房`;
      else if (r < 0.7) tail = `之${rng.int(1, 9)}${rng.int(2, 30)}楼`;
      else if (r < 0.85) tail = `${rng.int(1, 6)}号楼${rng.int(1, 12)}层`;
    }
    return `${region.province}${region.city}${region.district}${road}${no}号${tail}`;
  }

  regionFor(group: 'guangzhou' | 'guangdong' | 'other_province', table: WeightedTable<RegionInfo> = GZ_TABLE): RegionInfo {
    if (group === 'guangzhou') return table.pick(this.rng);
    if (group === 'guangdong') return GD_TABLE.pick(this.rng);
    return this.rng.pick(OUT_OF_PROVINCE_REGIONS);
  }

  cityPrefix(region: RegionInfo): string {
    return this.rng.pick(CITY_PREFIXES[region.cityShort] ?? [region.cityShort]);
  }

  /** The name of a company registered in `region`: 广州X…有限公司, 深圳市X…有限公司, 北京X…有限公司. */
  companyPrefix(region: RegionInfo): string {
    const r = this.rng.next();
    if (region.group === 'guangzhou') return r < 0.55 ? '广州' : r < 0.92 ? '广州市' : '广东';
    if (region.group === 'guangdong') return r < 0.8 ? region.city : region.cityShort;
    return r < 0.6 ? region.cityShort : region.city;
  }

  add(
    draft: Omit<OrgDraft, 'record'> & {
      record: Partial<OrganisationRecord> & Pick<OrganisationRecord, 'uscc' | 'name' | 'type' | 'regionCode' | 'address'>;
    },
  ): OrgDraft {
    const record: OrganisationRecord = {
      aboveDesignatedSize: false,
      aboveDesignatedSizeYear: null,
      hnteCertNo: null,
      hnteValidFrom: null,
      hnteValidTo: null,
      techSme: false,
      techSmeYear: null,
      formerNames: [],
      ...draft.record,
    };
    // Fixed key order for stable JSON.
    const ordered: OrganisationRecord = {
      uscc: record.uscc,
      name: record.name,
      type: record.type,
      regionCode: record.regionCode,
      address: record.address,
      aboveDesignatedSize: record.aboveDesignatedSize,
      aboveDesignatedSizeYear: record.aboveDesignatedSizeYear,
      hnteCertNo: record.hnteCertNo,
      hnteValidFrom: record.hnteValidFrom,
      hnteValidTo: record.hnteValidTo,
      techSme: record.techSme,
      techSmeYear: record.techSmeYear,
      formerNames: record.formerNames,
    };
    const full: OrgDraft = { ...draft, record: ordered };
    this.drafts.push(full);
    return full;
  }

  // ---- enterprise flags -------------------------------------------------------------------------

  setAboveDesignatedSize(rec: OrganisationRecord): void {
    rec.aboveDesignatedSize = true;
    rec.aboveDesignatedSizeYear = this.rng.chance(0.55) ? 2025 : 2024;
  }

  /** Gives a high-tech certificate; `years` restricts the issue year (e.g. still valid in 2026). */
  setHnte(rec: OrganisationRecord, years?: readonly number[]): void {
    const { rng } = this;
    const year = years ? rng.pick(years) : rng.weighted(HNTE_YEAR_WEIGHTS);
    const from = rng.pick(HNTE_BATCHES[year] ?? [isoDate(year, 12, 15)]);
    const province = rec.regionCode.slice(0, 2);
    let certNo: string;
    let span = 39999;
    for (let tries = 0; ; tries++) {
      certNo = `GR${year}${province}${String(rng.int(1, span)).padStart(6, '0')}`;
      if (!this.certNos.has(certNo)) break;
      if (tries > 50) span = 999999;
    }
    this.certNos.add(certNo);
    rec.hnteCertNo = certNo;
    rec.hnteValidFrom = from;
    rec.hnteValidTo = periodEnd(from, 3);
  }

  setTechSme(rec: OrganisationRecord): void {
    rec.techSme = true;
    rec.techSmeYear = this.rng.weighted([
      [2023, 10],
      [2024, 35],
      [2025, 55],
    ]);
  }

  /** Adds 1–2 former names (renaming or conversion to a joint-stock company). */
  addFormerNames(draft: OrgDraft, alternatives: () => string): void {
    const { rng } = this;
    const rec = draft.record;
    const count = rng.chance(0.2) ? 2 : 1;
    // Most recent first: the first former name was given up last.
    const untils = [randomDate(rng, '2010-01-01', '2025-09-30'), randomDate(rng, '2003-01-01', '2009-12-31')];
    const formers: string[] = [];
    for (let i = 0; i < count; i++) {
      let candidate: string | null = null;
      if (i === 0 && rec.name.endsWith('股份有限公司') && rng.chance(0.6)) {
        candidate = rec.name.replace(/股份有限公司$/, '有限公司');
      } else if (i === 0 && rec.type === 'university' && /大学$/.test(rec.name)) {
        candidate = rec.name.replace(/(科技|理工|工程)?大学$/, '学院');
      }
      if (candidate === null || !this.claimName(candidate)) {
        candidate = null;
        for (let t = 0; t < 10 && candidate === null; t++) {
          const c = alternatives();
          if (this.claimName(c)) candidate = c;
        }
      }
      if (candidate !== null) formers.push(candidate);
    }
    // Listed oldest first.
    rec.formerNames = formers.map((name, i) => ({ name, until: untils[i]! })).reverse();
  }

  reserveBrand(brand: string | null): void {
    if (brand) this.groupBrands.add(brand);
  }

  // ---- non-enterprises --------------------------------------------------------------------------

  university(): OrgDraft {
    const { rng } = this;
    const g = rng.chance(0.45) ? 'guangzhou' : rng.chance(0.15) ? 'guangdong' : 'other_province';
    const region = this.regionFor(g, GZ_UNIVERSITY_TABLE);
    const make = (attempt: number): string => {
      const prefix = this.cityPrefix(region);
      let core: string = rng.pick(UNIVERSITY_CORES);
      if (attempt > 20) core = core + rng.pick(UNIVERSITY_CORES);
      let suffix = rng.weighted(UNIVERSITY_SUFFIXES);
      if (core.endsWith('理工') || core.endsWith('医科')) suffix = rng.pick(['大学', '学院']);
      const name = `${prefix}${core}${suffix}`;
      return BLOCKED_UNIVERSITY_NAMES.has(name) || prefix === core ? `${prefix}${core}${rng.pick(UNIVERSITY_CORES)}${suffix}` : name;
    };
    const name = this.uniqueName(make);
    const sector = rng.pick(FIELD_DEFS).code;
    const regionCode = region.code;
    const d = this.add({
      record: {
        uscc: this.uscc('university', regionCode),
        name,
        type: 'university',
        regionCode,
        address: this.address(region, { campus: true }),
      },
      role: 'institution',
      sector,
      groupRoot: null,
      chain: null,
      brand: null,
    });
    if (/大学$/.test(name) && rng.chance(0.12)) {
      this.addFormerNames(
        d,
        () => `${this.cityPrefix(region)}${rng.pick(UNIVERSITY_CORES)}${rng.pick(['专科学校', '职业技术学院', '学院'])}`,
      );
    }
    return d;
  }

  institute(): OrgDraft {
    const { rng } = this;
    const g = rng.chance(0.55) ? 'guangzhou' : rng.chance(0.15) ? 'guangdong' : 'other_province';
    const region = this.regionFor(g);
    const [theme0, sector] = rng.pick(INSTITUTE_THEMES);
    const provinceName = region.group === 'other_province' ? region.province || region.city : '广东省';
    const name = this.uniqueName((attempt) => {
      const theme = attempt === 0 ? theme0 : rng.pick(INSTITUTE_THEMES)[0];
      const r = rng.next();
      if (region.group === 'guangzhou') {
        if (r < 0.3) return `广东省${theme}研究院`;
        if (r < 0.5) return `广州市${theme}研究所`;
        if (r < 0.7) return `中国科学院${this.cityPrefix(region)}${theme}研究所`;
        if (r < 0.85) return `粤港澳大湾区${theme}研究院`;
        return `广州${this.brand(false)}${theme}研究院`;
      }
      if (r < 0.4) return `中国科学院${this.cityPrefix(region)}${theme}研究所`;
      if (r < 0.75) return `${provinceName}${theme}研究院`;
      return `${region.city}${theme}研究所`;
    });
    return this.add({
      record: {
        uscc: this.uscc('research_institute', region.code),
        name,
        type: 'research_institute',
        regionCode: region.code,
        address: this.address(region),
      },
      role: 'institution',
      sector,
      groupRoot: null,
      chain: null,
      brand: null,
    });
  }

  private readonly universitiesByCity = new Map<string, OrgDraft[]>();

  universitiesIn(universities: readonly OrgDraft[], cityShort: string): OrgDraft[] {
    if (this.universitiesByCity.size === 0) {
      for (const u of universities) {
        const city = regionInfo(u.record.regionCode).cityShort;
        this.universitiesByCity.set(city, [...(this.universitiesByCity.get(city) ?? []), u]);
      }
    }
    return this.universitiesByCity.get(cityShort) ?? [];
  }

  hospital(universities: readonly OrgDraft[]): OrgDraft {
    const { rng } = this;
    const region = rng.chance(0.92) ? GZ_TABLE.pick(rng) : GD_TABLE.pick(rng);
    const isPublic = rng.chance(0.75);
    const localUniversities = this.universitiesIn(universities, region.cityShort);
    const name = this.uniqueName(() => {
      if (isPublic) {
        const r = rng.next();
        if (r < 0.4 && localUniversities.length > 0) {
          const u = rng.pick(localUniversities);
          const n = (this.affiliatedOrdinal.get(u.record.uscc) ?? 0) + 1;
          this.affiliatedOrdinal.set(u.record.uscc, n);
          return `${u.record.name}附属第${chineseNumber(n)}医院`;
        }
        const start = region.cityShort === '广州' ? 13 : 8;
        const n = (this.hospitalOrdinal.get(region.city) ?? start - 1) + 1;
        if (r < 0.6 && n <= start + 30) {
          this.hospitalOrdinal.set(region.city, n);
          return `${region.city}第${chineseNumber(n)}人民医院`;
        }
        if (r < 0.8) return `${region.city}${this.cityPrefix(region)}${rng.pick(HOSPITAL_KINDS.slice(1))}`;
        return `${region.city}${this.brand(false)}${rng.pick(HOSPITAL_KINDS)}`;
      }
      return `${region.cityShort}${this.brand(false)}${rng.pick(HOSPITAL_KINDS)}`;
    });
    return this.add({
      record: {
        uscc: this.uscc('medical_institution', region.code, { category: isPublic ? '1' : '2', modern: !isPublic && rng.chance(0.6) }),
        name,
        type: 'medical_institution',
        regionCode: region.code,
        address: this.address(region, { campus: true }),
      },
      role: 'institution',
      sector: 'F03',
      groupRoot: null,
      chain: null,
      brand: null,
    });
  }

  otherOrganisation(): OrgDraft {
    const { rng } = this;
    const region = rng.chance(0.85) ? GZ_TABLE.pick(rng) : GD_TABLE.pick(rng);
    const foundation = rng.chance(0.25);
    const [theme0, sector] = rng.pick(ASSOCIATION_THEMES);
    const name = this.uniqueName((attempt) => {
      const theme = attempt === 0 ? theme0 : rng.pick(ASSOCIATION_THEMES)[0];
      const place =
        region.group === 'guangzhou'
          ? rng.weighted<string>([
              ['广州市', 5],
              ['广东省', 3],
              ['粤港澳大湾区', 1],
            ])
          : region.city;
      if (foundation) return `${place}${this.brand(false)}${rng.pick(['科技创新基金会', '公益基金会', '教育发展基金会'])}`;
      const kind = rng.weighted(ASSOCIATION_KINDS.map(([k, , w]) => [k, w] as const));
      return `${place}${theme}${kind}`;
    });
    return this.add({
      record: {
        uscc: this.uscc('other', region.code, { category: foundation ? '3' : '1' }),
        name,
        type: 'other',
        regionCode: region.code,
        address: this.address(region),
      },
      role: 'institution',
      sector,
      groupRoot: null,
      chain: null,
      brand: null,
    });
  }

  // ---- enterprises ------------------------------------------------------------------------------

  leader(chain: ChainDef): OrgDraft {
    const { rng } = this;
    const region = regionInfo(rng.pick(chain.districts));
    let brand = this.brand(true);
    const name = this.uniqueName((attempt) => {
      if (attempt > 0) brand = this.brand(true);
      const word = rng.pick(chain.groupWords);
      return rng.weighted<string>([
        [`广州${brand}${word}集团股份有限公司`, 3],
        [`广州${brand}${word}集团有限公司`, 2],
        [`广州市${brand}${word}集团有限公司`, 2],
        [`广东${brand}${word}控股集团有限公司`, 1],
        [`广州${brand}控股集团有限公司`, 1],
      ]);
    });
    const d = this.add({
      record: {
        uscc: this.uscc('enterprise', region.code, { modern: rng.chance(0.3) }),
        name,
        type: 'enterprise',
        regionCode: region.code,
        address: this.address(region),
      },
      role: 'leader',
      sector: chain.field,
      groupRoot: null,
      chain: chain.code,
      brand,
    });
    d.groupRoot = d.record.uscc;
    this.setAboveDesignatedSize(d.record);
    d.record.aboveDesignatedSizeYear = 2025;
    this.setHnte(d.record, [2023, 2024, 2025]);
    return d;
  }

  subsidiary(parent: OrgDraft, words: readonly string[], sector: string, role: OrgRole): OrgDraft {
    const { rng } = this;
    const brand = parent.brand ?? this.brand(true);
    const inGuangzhou = rng.chance(0.8);
    const parentRegion = regionInfo(parent.record.regionCode);
    const region = inGuangzhou
      ? parentRegion.group === 'guangzhou' && rng.chance(0.4)
        ? parentRegion
        : GZ_TABLE.pick(rng)
      : GD_FACTORY_TABLE.pick(rng);
    const name = this.uniqueName((attempt) => {
      const word = rng.pick(words);
      const district = region.district.replace(/区$/, '');
      const r = rng.next();
      if (attempt > 25) return `${brand}（${region.cityShort}）${word}${rng.pick(words)}有限公司`;
      if (region.group === 'guangzhou') {
        if (r < 0.4) return `${brand}（广州）${word}有限公司`;
        if (r < 0.75) return `广州${brand}${word}有限公司`;
        return `广州${brand}${district}${word}有限公司`;
      }
      if (r < 0.6) return `${brand}（${region.cityShort}）${word}有限公司`;
      return `${region.city}${brand}${word}有限公司`;
    });
    const d = this.add({
      record: {
        uscc: this.uscc('enterprise', region.code),
        name,
        type: 'enterprise',
        regionCode: region.code,
        address: this.address(region),
      },
      role,
      sector,
      groupRoot: parent.groupRoot,
      chain: parent.chain,
      brand,
    });
    this.edges.push({ parentUscc: parent.record.uscc, childUscc: d.record.uscc, sharePct: this.sharePct() });
    return d;
  }

  sharePct(): number | null {
    const { rng } = this;
    const r = rng.next();
    if (r < 0.4) return 100;
    if (r < 0.9) return rng.int(51, 99);
    if (r < 0.98) return rng.int(30, 50);
    return null;
  }

  /** Builds a group of `count` subsidiaries under `root`: at least min(3,count) direct, depth ≤ 3. */
  group(root: OrgDraft, count: number, words: readonly string[], sector: string, role: OrgRole, maxDepth = 3): void {
    const { rng } = this;
    const nodes: { draft: OrgDraft; depth: number }[] = [{ draft: root, depth: 0 }];
    for (let i = 0; i < count; i++) {
      let parent = nodes[0]!;
      if (i >= 3 && rng.chance(0.45)) {
        const candidates = nodes.filter((n) => n.depth > 0 && n.depth < maxDepth);
        if (candidates.length > 0) parent = rng.pick(candidates);
      }
      const child = this.subsidiary(parent.draft, words, sector, role);
      nodes.push({ draft: child, depth: parent.depth + 1 });
    }
  }

  standalone(region: RegionInfo, sector: string): OrgDraft {
    const { rng } = this;
    const field = fieldDef(sector);
    let brand = '';
    const name = this.uniqueName((attempt) => {
      brand = this.brand(false);
      const prefix = this.companyPrefix(region);
      const industry = attempt > 30 ? rng.pick(field.industries) + rng.pick(['发展', '技术', '工程']) : rng.pick(field.industries);
      const form = rng.chance(0.12) ? '股份有限公司' : '有限公司';
      return `${prefix}${brand}${industry}${form}`;
    });
    return this.add({
      record: {
        uscc: this.uscc('enterprise', region.code),
        name,
        type: 'enterprise',
        regionCode: region.code,
        address: this.address(region),
      },
      role: 'standalone',
      sector,
      groupRoot: null,
      chain: null,
      brand,
    });
  }

  enterpriseAlternativeName(d: OrgDraft): string {
    const region = regionInfo(d.record.regionCode);
    const field = fieldDef(d.sector);
    return `${this.companyPrefix(region)}${d.brand ?? this.brand(false)}${this.rng.pick(field.industries)}有限公司`;
  }
}

/** Rounds shares to counts that add up to `total` (largest remainder). */
export function typeCounts(total: number): Record<OrgType, number> {
  const types = Object.keys(TYPE_SHARES) as OrgType[];
  const raw = types.map((t) => total * TYPE_SHARES[t]);
  const counts = raw.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    counts[i]!++;
    rest--;
  }
  return Object.fromEntries(types.map((t, i) => [t, counts[i]!])) as Record<OrgType, number>;
}

const clamp01 = (p: number): number => Math.min(1, Math.max(0, p));

export function generateOrganisations(seed: number, total: number): OrganisationsResult {
  if (!Number.isInteger(total) || total < MIN_ORGANISATIONS) {
    throw new RangeError(`organisations must be an integer ≥ ${MIN_ORGANISATIONS}, got ${total}`);
  }
  const rng = Rng.derive(seed, 'organisations');
  const gen = new Generator(rng);
  const counts = typeCounts(total);

  // Non-enterprises first: affiliated hospitals need universities.
  const universities: OrgDraft[] = [];
  for (let i = 0; i < counts.university; i++) universities.push(gen.university());
  const institutions: OrgDraft[] = [...universities];
  for (let i = 0; i < counts.research_institute; i++) institutions.push(gen.institute());
  for (let i = 0; i < counts.medical_institution; i++) institutions.push(gen.hospital(universities));
  for (let i = 0; i < counts.other; i++) institutions.push(gen.otherOrganisation());
  gen.drafts.length = 0; // re-added below in output order

  // Chain-leader groups: plan sizes, then shrink to the budget for small registries.
  const enterprises = counts.enterprise;
  const leaderBudget = Math.max(CHAIN_DEFS.length * 4, Math.floor(enterprises * 0.45));
  const plan = CHAIN_DEFS.map((chain) => ({
    chain,
    leaders: Array.from({ length: rng.chance(0.45) ? 2 : 1 }, () => rng.weighted<number>(SUBSIDIARY_COUNT_WEIGHTS)),
  }));
  const planned = (): number => plan.reduce((s, p) => s + p.leaders.reduce((a, n) => a + 1 + n, 0), 0);
  if (planned() > leaderBudget) for (const p of plan) p.leaders = p.leaders.slice(0, 1);
  if (planned() > leaderBudget) {
    const ratio = (leaderBudget - CHAIN_DEFS.length) / (planned() - CHAIN_DEFS.length);
    for (const p of plan) p.leaders = p.leaders.map((n) => Math.max(3, Math.floor(n * ratio)));
  }

  const chains: ChainRecord[] = [];
  for (const { chain, leaders } of plan) {
    const usccs: string[] = [];
    for (const subs of leaders) {
      const leader = gen.leader(chain);
      usccs.push(leader.record.uscc);
      gen.group(leader, subs, chain.subsidiaryWords, chain.field, 'leader_subsidiary');
    }
    chains.push({ code: chain.code, nameZh: chain.nameZh, nameEn: chain.nameEn, leaderUsccs: usccs });
  }

  // Other enterprise groups (1–5 subsidiaries, depth ≤ 2).
  const fieldTable = new WeightedTable(FIELD_DEFS.map((f) => [f.code, f.enterpriseWeight] as const));
  const otherGroupBudget = Math.floor(enterprises * 0.12);
  let used = gen.drafts.length;
  let otherGroupMembers = 0;
  const gzTarget = Math.round(total * GUANGZHOU_SHARE);
  for (;;) {
    const size = rng.int(1, 5);
    if (otherGroupMembers + size + 1 > otherGroupBudget || used + size + 1 > enterprises - 5) break;
    const sector = fieldTable.pick(rng);
    const region = rng.chance(0.85) ? GZ_TABLE.pick(rng) : GD_TABLE.pick(rng);
    const parent = gen.standalone(region, sector);
    parent.role = 'group_parent';
    parent.groupRoot = parent.record.uscc;
    gen.reserveBrand(parent.brand);
    gen.group(parent, size, fieldDef(sector).industries, sector, 'group_subsidiary', 2);
    otherGroupMembers += size + 1;
    used += size + 1;
  }

  // Standalone enterprises: the Guangzhou share is set so that the whole registry lands near 75 %.
  const standaloneCount = enterprises - gen.drafts.length;
  const gzSoFar = [...gen.drafts, ...institutions].filter((d) => isGuangzhouRegion(d.record.regionCode)).length;
  const pGz = Math.min(0.95, Math.max(0.5, (gzTarget - gzSoFar) / standaloneCount));
  const firstStandalone = gen.drafts.length;
  for (let i = 0; i < standaloneCount; i++) {
    // The first one is the demo unit: always in Guangzhou.
    const g = i === 0 || rng.chance(pGz) ? 'guangzhou' : rng.chance(0.85) ? 'guangdong' : 'other_province';
    gen.standalone(gen.regionFor(g), fieldTable.pick(rng));
  }

  // Flags for group members.
  const enterpriseDrafts = gen.drafts;
  for (const d of enterpriseDrafts) {
    const rec = d.record;
    if (d.role === 'leader_subsidiary' || d.role === 'group_subsidiary' || d.role === 'group_parent') {
      const big = d.role === 'group_parent' ? 0.6 : 0.5;
      if (rng.chance(big)) gen.setAboveDesignatedSize(rec);
      if (rng.chance(rec.aboveDesignatedSize ? 0.65 : 0.35)) gen.setHnte(rec);
      if (rng.chance(0.05)) gen.setTechSme(rec);
    }
  }
  // Standalone enterprises: hit the overall targets (规上 35 %, 高新 40 %, 科技型中小企业 30 %).
  const standalone = enterpriseDrafts.slice(firstStandalone);
  const demoUnit = standalone[0]!;
  const countFlag = (f: (r: OrganisationRecord) => boolean): number => enterpriseDrafts.filter((d) => f(d.record)).length;
  const pAds = clamp01((enterprises * ABOVE_DESIGNATED_SIZE_SHARE - countFlag((r) => r.aboveDesignatedSize)) / standalone.length);
  for (const d of standalone) if (rng.chance(pAds)) gen.setAboveDesignatedSize(d.record);
  gen.setAboveDesignatedSize(demoUnit.record);
  const adsStandalone = standalone.filter((d) => d.record.aboveDesignatedSize).length;
  const hnteNeeded = enterprises * HNTE_SHARE - countFlag((r) => r.hnteCertNo !== null) - 1;
  // Certified high-tech enterprises are more common among the larger ones.
  const pH1 = clamp01(Math.min(0.85, (1.6 * hnteNeeded) / standalone.length));
  const pH0 = clamp01((hnteNeeded - pH1 * adsStandalone) / Math.max(1, standalone.length - adsStandalone));
  for (const d of standalone) {
    if (d === demoUnit) continue;
    if (rng.chance(d.record.aboveDesignatedSize ? pH1 : pH0)) gen.setHnte(d.record);
  }
  gen.setHnte(demoUnit.record, [2024, 2025]);
  const smeNeeded = enterprises * TECH_SME_SHARE - countFlag((r) => r.techSme);
  const pS = clamp01(smeNeeded / standalone.length);
  for (const d of standalone) {
    if (d === demoUnit) continue;
    const p = d.record.aboveDesignatedSize ? pS * 0.6 : d.record.hnteCertNo ? pS * 1.5 : pS * 1.1;
    if (rng.chance(clamp01(p))) gen.setTechSme(d.record);
  }

  // Former names (≈5 % of enterprises).
  for (const d of enterpriseDrafts) {
    if (d !== demoUnit && rng.chance(0.05)) gen.addFormerNames(d, () => gen.enterpriseAlternativeName(d));
  }

  const drafts = [...enterpriseDrafts, ...institutions];
  return { drafts, chains, controlEdges: gen.edges, demoUnitUscc: demoUnit.record.uscc };
}
