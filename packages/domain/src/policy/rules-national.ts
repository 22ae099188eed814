/** 3.2 backfill and 3.3 continuation: decided from the registry and the imported national records. */
import { isGuangzhouRegion } from '../region.js';
import { formatWan } from '../money.js';
import type { ApplicantFacts, BackfillFacts, ContinuationFacts, NationalApplicationFacts, VerifiedImplementation } from './facts.js';
import type { PlanParams } from './params.js';
import { fail, pass, review, runRule, type Rule, type RuleResult } from './rule.js';

const wan = (n: number) => formatWan(n, 'zh');
const mil = (n: number) => formatWan(n, 'en');
const noNational = { zh: '未选择国家重点研发计划申报记录', en: 'no national application chosen' };

/** The top-level field of a code: F01.03 → F01. */
export function topField(code: string): string {
  return code.split('.')[0] ?? code;
}

export const rule3_2_a: Rule<BackfillFacts> = {
  code: '3.2.a',
  clause: { zh: '在穗企业和医疗机构。', en: 'The applicant is an enterprise or medical institution located in Guangzhou.' },
  params: [],
  check: ({ applicant: a }) => {
    const facts = { type: a.type, regionCode: a.regionCode };
    const kindOk = a.type === 'enterprise' || a.type === 'medical_institution';
    const placeOk = isGuangzhouRegion(a.regionCode);
    if (kindOk && placeOk) return pass({ zh: '申报单位为在穗企业或医疗机构', en: 'a Guangzhou enterprise or medical institution' }, facts);
    if (!kindOk)
      return fail({ zh: '申报单位须为企业或医疗机构', en: 'the applicant must be an enterprise or a medical institution' }, facts);
    return fail({ zh: '申报单位注册地须在广州市', en: 'the applicant must be registered in Guangzhou' }, facts);
  },
};

/** 3.2.b: the unit is the national application's first applicant (by registry link or credit code). */
export function isFirstApplicant(
  n: Pick<NationalApplicationFacts, 'leadOrgId' | 'leadUscc'>,
  a: Pick<ApplicantFacts, 'orgId' | 'uscc'>,
): boolean {
  return n.leadOrgId === a.orgId || (n.leadUscc !== null && n.leadUscc === a.uscc);
}

/**
 * 3.2.b reads only the applicant, the national record and the year: the server also runs it alone when a
 * unit picks its national application, so that choosing one it did not lead is refused citing 3.2.b.
 */
export const rule3_2_b: Rule<Pick<BackfillFacts, 'national' | 'applicant' | 'applicationYear'>> = {
  code: '3.2.b',
  clause: {
    zh: '上一年度作为项目第一申报单位申请"国家重点研发计划项目"。',
    en: 'In the previous year the applicant was the first applicant unit of a National Key R&D Program application.',
  },
  params: [],
  check: ({ national: n, applicant, applicationYear }) => {
    if (!n) return fail(noNational, { applicationYear });
    const facts = {
      nationalId: n.nationalId,
      year: n.year,
      leadUscc: n.leadUscc,
      leadName: n.leadName,
      applicantUscc: applicant.uscc,
      applicationYear,
    };
    if (!isFirstApplicant(n, applicant))
      return fail(
        { zh: '上一年度须为国家重点研发计划项目第一申报单位', en: 'the applicant must have been the first applicant unit' },
        facts,
      );
    if (n.year !== applicationYear - 1)
      return fail(
        {
          zh: `国家申报年度为 ${n.year}，须为上一年度 ${applicationYear - 1}`,
          en: `the national application is of ${n.year}, not the previous year ${applicationYear - 1}`,
        },
        facts,
      );
    return pass({ zh: `${n.year} 年度第一申报单位`, en: `first applicant unit in ${n.year}` }, facts);
  },
};

/**
 * 3.2.b when a unit picks the national application its backfill rests on: null when the unit led it,
 * else the failed 3.2.b result the refusal cites. `tookPart` says whether the unit appears in the record
 * at all; a unit that does not is told only that it was not the first applicant (no facts of a record it
 * has no part in).
 */
export function nationalChoiceRefusal(
  ctx: Pick<BackfillFacts, 'national' | 'applicant' | 'applicationYear'>,
  params: PlanParams,
  tookPart: boolean,
): RuleResult | null {
  if (ctx.national && isFirstApplicant(ctx.national, ctx.applicant)) return null;
  const result = runRule(rule3_2_b, ctx, params);
  if (tookPart || !ctx.national) return result;
  return { ...result, facts: { applicantUscc: ctx.applicant.uscc, applicationYear: ctx.applicationYear } };
}

export const rule3_2_c: Rule<BackfillFacts> = {
  code: '3.2.c',
  clause: { zh: '进入最后一轮答辩环节。', en: 'The national application entered the final defence round.' },
  params: [],
  check: ({ national: n }) => {
    if (!n) return fail(noNational);
    const facts = { nationalId: n.nationalId, stage: n.stage };
    return n.stage === 'final_defence'
      ? pass({ zh: '已进入最后一轮答辩', en: 'reached the final defence' }, facts)
      : fail({ zh: '国家申报未进入最后一轮答辩环节', en: 'the national application did not reach the final defence' }, facts);
  },
};

export const rule3_2_d: Rule<BackfillFacts> = {
  code: '3.2.d',
  clause: { zh: '受国家财政预算投入等原因未获立项。', en: 'The national application was not approved.' },
  params: [],
  check: ({ national: n }) => {
    if (!n) return fail(noNational);
    const facts = { nationalId: n.nationalId, outcome: n.outcome };
    if (n.outcome === 'not_approved') return pass({ zh: '国家未立项', en: 'not approved nationally' }, facts);
    if (n.outcome === 'approved') return fail({ zh: '该国家申报已获立项', en: 'the national application was approved' }, facts);
    return fail({ zh: '该国家申报结果尚未确定', en: 'the national outcome is not yet known' }, facts);
  },
};

export const rule3_2_e: Rule<BackfillFacts> = {
  code: '3.2.e',
  clause: {
    zh: '在原国家重点研发计划项目的研究领域和方向的范围内。',
    en: 'The city project stays within the research field and direction of the original national application.',
  },
  params: [],
  check: ({ national: n, proposedFieldCode, proposedDirection }) => {
    if (!n) return fail(noNational);
    const facts = {
      original: { fieldCode: n.fieldCode, programme: n.programme, direction: n.direction },
      proposed: { fieldCode: proposedFieldCode, direction: proposedDirection },
    };
    if (!proposedFieldCode || !proposedDirection)
      return fail({ zh: '须填写拟申报领域和方向', en: 'give the proposed field and direction' }, facts);
    if (n.fieldCode && topField(n.fieldCode) !== topField(proposedFieldCode))
      return fail(
        {
          zh: `拟申报领域 ${proposedFieldCode} 不在原领域 ${n.fieldCode} 范围内`,
          en: `proposed field ${proposedFieldCode} is outside the original ${n.fieldCode}`,
        },
        facts,
      );
    return review(
      { zh: '领域一致，方向由市科技局对照原申报核定', en: 'same field; an officer compares the direction with the original' },
      facts,
    );
  },
};

export const rule3_2_f: Rule<BackfillFacts> = {
  code: '3.2.f',
  clause: {
    zh: '提出符合广州市科技创新"十四五"规划方向的市重点领域研发计划项目。',
    en: "The project fits the directions of Guangzhou's 14th Five-Year S&T plan.",
  },
  params: [],
  check: ({ proposedFieldCode, planFieldCodes }) => {
    const facts = { proposedFieldCode };
    if (!proposedFieldCode) return fail({ zh: '未选择"十四五"规划领域方向', en: 'no 14th Five-Year field chosen' }, facts);
    return planFieldCodes.includes(proposedFieldCode)
      ? pass({ zh: `属于"十四五"规划领域 ${proposedFieldCode}`, en: `within plan field ${proposedFieldCode}` }, facts)
      : fail({ zh: `${proposedFieldCode} 不是"十四五"规划的领域方向`, en: `${proposedFieldCode} is not a 14th Five-Year field` }, facts);
  },
};

export const rule3_2_g: Rule<BackfillFacts> = {
  code: '3.2.g',
  clause: { zh: '市科技局分领域组织遴选。', en: 'The bureau selects by field.' },
  params: [],
  check: ({ proposedFieldCode }) =>
    proposedFieldCode
      ? pass(
          { zh: `归入领域 ${topField(proposedFieldCode)} 组遴选`, en: `selected within field ${topField(proposedFieldCode)}` },
          { group: topField(proposedFieldCode) },
        )
      : fail({ zh: '须选择领域以便分领域遴选', en: 'a field is needed to select by field' }, { group: null }),
};

export const rule3_2_h: Rule<BackfillFacts> = {
  code: '3.2.h',
  clause: { zh: '对获得立项的项目给予每个项目定额支持100万元。', en: 'Each approved project gets a fixed RMB 1 million.' },
  params: ['backfillAmount'],
  check: ({ cityFunds }, p) => {
    const facts = { cityFunds };
    return cityFunds === p.backfillAmount
      ? pass({ zh: `定额 ${wan(p.backfillAmount)}`, en: `fixed ${mil(p.backfillAmount)}` }, facts)
      : fail({ zh: `申请市财政经费须为定额 ${wan(p.backfillAmount)}`, en: `city funds must be the fixed ${mil(p.backfillAmount)}` }, facts);
  },
};

export const rule3_2_i: Rule<BackfillFacts> = {
  code: '3.2.i',
  clause: { zh: '原则上，同一年度一个单位限报1项。', en: 'In principle one application per unit per year.' },
  params: ['backfillPerUnitPerYear'],
  inPrinciple: true,
  check: ({ otherApplicationsThisYear: others, applicationYear }, p) => {
    const count = others.length + 1;
    const facts = { applicationYear, count, others };
    return count <= p.backfillPerUnitPerYear
      ? pass({ zh: `本单位 ${applicationYear} 年度第 ${count} 项`, en: `application ${count} of the unit in ${applicationYear}` }, facts)
      : fail(
          {
            zh: `本单位 ${applicationYear} 年度已有 ${others.length} 项递补申报（限 ${p.backfillPerUnitPerYear} 项）`,
            en: `the unit already has ${others.length} backfill application(s) in ${applicationYear} (limit ${p.backfillPerUnitPerYear})`,
          },
          facts,
        );
  },
};

export const rule3_3_a: Rule<ContinuationFacts> = {
  code: '3.3.a',
  clause: { zh: '在穗规上高新技术企业。', en: 'The applicant is an above-designated-size certified high-tech enterprise in Guangzhou.' },
  params: [],
  check: ({ applicant: a, applicationDate }) => {
    const facts = {
      type: a.type,
      regionCode: a.regionCode,
      aboveDesignatedSize: a.aboveDesignatedSize,
      aboveDesignatedSizeYear: a.aboveDesignatedSizeYear,
      hnteCertNo: a.hnteCertNo,
      hnteValidFrom: a.hnteValidFrom,
      hnteValidTo: a.hnteValidTo,
      applicationDate,
    };
    const problems = [] as { zh: string; en: string }[];
    if (a.type !== 'enterprise') problems.push({ zh: '须为企业', en: 'must be an enterprise' });
    if (!isGuangzhouRegion(a.regionCode)) problems.push({ zh: '注册地须在广州市', en: 'must be registered in Guangzhou' });
    if (!a.aboveDesignatedSize) problems.push({ zh: '须为规上企业', en: 'must be above designated size' });
    const valid =
      a.hnteCertNo !== null &&
      a.hnteValidFrom !== null &&
      a.hnteValidTo !== null &&
      a.hnteValidFrom <= applicationDate &&
      applicationDate <= a.hnteValidTo;
    if (!valid)
      problems.push(
        a.hnteCertNo === null
          ? { zh: '无高新技术企业证书', en: 'no high-tech enterprise certificate' }
          : {
              zh: `高新技术企业证书在申报日 ${applicationDate} 不在有效期内`,
              en: `the high-tech certificate is not valid on ${applicationDate}`,
            },
      );
    return problems.length === 0
      ? pass(
          {
            zh: `在穗规上高新技术企业，证书 ${a.hnteCertNo} 有效至 ${a.hnteValidTo}`,
            en: `Guangzhou above-size high-tech enterprise, certificate valid to ${a.hnteValidTo}`,
          },
          facts,
        )
      : fail({ zh: problems.map((x) => x.zh).join('；'), en: problems.map((x) => x.en).join('; ') }, facts);
  },
};

const noProject = { zh: '未选择国家重点研发计划项目', en: 'no national project chosen' };

export const rule3_3_b: Rule<ContinuationFacts> = {
  code: '3.3.b',
  clause: {
    zh: '承接国家重点研发计划项目成果落地产业化和应用示范推广。',
    en: 'The applicant takes on industrialisation of the results of a National Key R&D Program project.',
  },
  params: [],
  check: ({ national: n }) =>
    n
      ? pass(
          { zh: `承接国家项目 ${n.nationalId} 成果`, en: `takes on the results of ${n.nationalId}` },
          { nationalId: n.nationalId, title: n.title },
        )
      : fail(noProject),
};

export const rule3_3_c: Rule<ContinuationFacts> = {
  code: '3.3.c',
  clause: {
    zh: '承接的"国家重点研发计划项目"应是近三年通过验收的。',
    en: 'The national project passed acceptance within the last three years.',
  },
  params: ['continuationLookbackYears'],
  // Reading (docs/tracks.md): acceptance year ≥ application year − lookback, the application year being the
  // plan's year (every applicant of a call is judged on the same line, whatever the day it submits), and
  // the acceptance must be on or before the application date.
  check: ({ national: n, applicationDate, applicationYear }, p) => {
    if (!n) return fail(noProject);
    const earliest = applicationYear - p.continuationLookbackYears;
    const facts = {
      nationalId: n.nationalId,
      acceptanceDate: n.acceptanceDate,
      acceptanceResult: n.acceptanceResult,
      applicationYear,
      earliestYear: earliest,
    };
    if (n.acceptanceResult !== 'passed' || !n.acceptanceDate)
      return fail({ zh: '该国家项目尚未通过验收', en: 'the national project has not passed acceptance' }, facts);
    const year = Number(n.acceptanceDate.slice(0, 4));
    if (n.acceptanceDate > applicationDate)
      return fail({ zh: '验收日期晚于申报日期', en: 'the acceptance date is after the application date' }, facts);
    const line = {
      zh: `验收年度须不早于 ${applicationYear} 年度计划前 ${p.continuationLookbackYears} 年（${earliest} 年）`,
      en: `the acceptance year must be ${earliest} or later (plan year ${applicationYear} − ${p.continuationLookbackYears})`,
    };
    return year >= earliest
      ? pass({ zh: `${n.acceptanceDate} 通过验收；${line.zh}`, en: `accepted on ${n.acceptanceDate}; ${line.en}` }, facts)
      : fail({ zh: `${n.acceptanceDate} 通过验收，${line.zh}`, en: `accepted on ${n.acceptanceDate}, but ${line.en}` }, facts);
  },
};

export const rule3_3_d: Rule<ContinuationFacts> = {
  code: '3.3.d',
  clause: {
    zh: '项目第一承担单位应为穗外高校科研院所。',
    en: 'The first undertaking unit is a university or research institute outside Guangzhou.',
  },
  params: [],
  check: ({ national: n }) => {
    if (!n) return fail(noProject);
    const facts = { leadName: n.leadName, leadType: n.leadType, leadRegionCode: n.leadRegionCode };
    const academic = n.leadType === 'university' || n.leadType === 'research_institute';
    // A known fact that fails decides; an unknown one (type or region not in the imported record) is checked by an officer.
    if (n.leadType !== null && !academic)
      return fail(
        { zh: `第一承担单位 ${n.leadName} 不是高校或科研院所`, en: `the first undertaker ${n.leadName} is not a university or institute` },
        facts,
      );
    if (n.leadRegionCode !== null && isGuangzhouRegion(n.leadRegionCode))
      return fail({ zh: `第一承担单位 ${n.leadName} 在广州市`, en: `the first undertaker ${n.leadName} is in Guangzhou` }, facts);
    if (n.leadType === null)
      return review({ zh: `第一承担单位 ${n.leadName} 的单位类型待核实`, en: `what kind of unit ${n.leadName} is needs checking` }, facts);
    if (n.leadRegionCode === null)
      return review({ zh: `第一承担单位 ${n.leadName} 所在地待核实`, en: `where ${n.leadName} is located needs checking` }, facts);
    return pass({ zh: `第一承担单位 ${n.leadName} 为穗外高校科研院所`, en: `${n.leadName} is an academic unit outside Guangzhou` }, facts);
  },
};

/** 3.3.e: the call's formula — a share of verified investment, capped. */
export function continuationAmount(v: VerifiedImplementation, p: Pick<PlanParams, 'continuationSharePct' | 'continuationCap'>): number {
  return Math.min(p.continuationCap, Math.floor((v.investment * p.continuationSharePct) / 100));
}

export const rule3_3_e: Rule<ContinuationFacts> = {
  code: '3.3.e',
  clause: { zh: '市科技局按实际落地实施情况给予一定的支持。', en: 'Support is granted according to actual implementation.' },
  params: ['continuationSharePct', 'continuationCap'],
  check: ({ verification: v, requestedCityFunds }, p) => {
    // The city amount comes only from verified implementation: an applicant cannot ask for one.
    if (requestedCityFunds !== null && requestedCityFunds > 0)
      return fail(
        {
          zh: `预算申请了市财政经费 ${wan(requestedCityFunds)}：接续支持的金额由市科技局核实落地实施情况后确定，预算中市财政经费须为 0`,
          en: `the budget asks for ${mil(requestedCityFunds)} of city funds: the amount is set by the bureau after verifying the implementation, so the budget's city funds must be 0`,
        },
        { requestedCityFunds, verification: v },
      );
    if (!v)
      return review(
        { zh: '金额待市科技局核实落地实施情况后确定', en: 'the amount is set once an officer has verified the implementation' },
        { verification: null },
      );
    const amount = continuationAmount(v, p);
    return pass(
      {
        zh: `核实投入 ${wan(v.investment)} × ${p.continuationSharePct}%，上限 ${wan(p.continuationCap)}，支持 ${wan(amount)}`,
        en: `verified investment ${mil(v.investment)} × ${p.continuationSharePct}%, capped at ${mil(p.continuationCap)}: ${mil(amount)}`,
      },
      { verification: v, amount },
    );
  },
};

export const BACKFILL_RULES = [rule3_2_a, rule3_2_b, rule3_2_c, rule3_2_d, rule3_2_e, rule3_2_f, rule3_2_g, rule3_2_h, rule3_2_i] as const;
export const CONTINUATION_RULES = [rule3_3_a, rule3_3_b, rule3_3_c, rule3_3_d, rule3_3_e] as const;
