/** Registry records: the data every track reuses so that applicants type it once. */

export const ORG_TYPES = ['enterprise', 'university', 'research_institute', 'medical_institution', 'other'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  university: { zh: '高等院校', en: 'University' },
  research_institute: { zh: '科研院所', en: 'Research institute' },
  medical_institution: { zh: '医疗机构', en: 'Medical institution' },
  other: { zh: '其他组织', en: 'Other organisation' },
};

export interface FormerName {
  name: string;
  /** Last day the name was in use, YYYY-MM-DD. */
  until: string;
}

export interface OrganisationRecord {
  uscc: string;
  name: string;
  type: OrgType;
  /** GB/T 2260 six-digit code of the registered address; Guangzhou is 4401xx. */
  regionCode: string;
  address: string | null;
  /** 规上: above designated size, with the statistical year of the flag. */
  aboveDesignatedSize: boolean;
  aboveDesignatedSizeYear: number | null;
  /** 高新技术企业 certificate. */
  hnteCertNo: string | null;
  hnteValidFrom: string | null;
  hnteValidTo: string | null;
  /** 科技型中小企业 flag with its year. */
  techSme: boolean;
  techSmeYear: number | null;
  formerNames: FormerName[];
}

/** Corporate control: parent controls child (directly). */
export interface ControlEdge {
  parentUscc: string;
  childUscc: string;
  /** Shareholding percentage, 0–100, when known. */
  sharePct: number | null;
}

export interface ChainRecord {
  /** Stable code, e.g. "C01". */
  code: string;
  nameZh: string;
  nameEn: string;
  leaderUsccs: string[];
}

export interface FieldRecord {
  /** Stable code, e.g. "F01" for a field, "F01.03" for a direction inside it. */
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
}

export const TITLE_LEVELS = ['senior', 'associate_senior', 'intermediate', 'junior', 'none'] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];

export interface Affiliation {
  uscc: string;
  position: string;
  from: string;
  /** null while current. */
  to: string | null;
}

export interface PersonRecord {
  /** Stable external key (the generator's or an import's), unique. */
  key: string;
  name: string;
  email: string | null;
  titleLevel: TitleLevel;
  /** e.g. 教授, 研究员, 正高级工程师, 主任医师. */
  titleName: string | null;
  fieldCodes: string[];
  keywords: string[];
  isExpert: boolean;
  affiliations: Affiliation[];
}
