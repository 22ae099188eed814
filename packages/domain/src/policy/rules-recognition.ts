/** 3.4: recognition of projects completed with social capital. */
import { formatWan } from '../money.js';
import type { RecognitionFacts } from './facts.js';
import { fail, pass, review, type Rule } from './rule.js';

export const rule3_4_a: Rule<RecognitionFacts> = {
  code: '3.4.a',
  clause: {
    zh: '对利用社会资本完成的符合一定条件的技术研发项目，可认定完成一项市重点领域研发计划项目。',
    en: 'A project completed with social capital and meeting the published conditions may be recognised.',
  },
  params: [],
  check: (ctx) => {
    const unaffirmed = ctx.conditions.filter((c) => !c.affirmed).map((c) => c.key);
    const facts = {
      socialCapital: ctx.socialCapital,
      completedOn: ctx.completedOn,
      applicationDate: ctx.applicationDate,
      socialCapitalEvidence: ctx.socialCapitalEvidence,
      completionEvidence: ctx.completionEvidence,
      unaffirmed,
    };
    const problems = [] as { zh: string; en: string }[];
    if (!ctx.socialCapital || ctx.socialCapital <= 0)
      problems.push({ zh: '须填写社会资本投入金额', en: 'give the social capital invested' });
    if (!ctx.completedOn) problems.push({ zh: '须填写项目完成日期', en: 'give the completion date' });
    else if (ctx.completedOn > ctx.applicationDate) problems.push({ zh: '项目须已完成', en: 'the project must be completed' });
    if (!ctx.socialCapitalEvidence) problems.push({ zh: '缺少社会资本投入证明材料', en: 'evidence of social-capital funding is missing' });
    if (!ctx.completionEvidence) problems.push({ zh: '缺少项目完成证明材料', en: 'evidence of completion is missing' });
    if (unaffirmed.length > 0)
      problems.push({ zh: `${unaffirmed.length} 项申报条件未确认`, en: `${unaffirmed.length} published condition(s) not affirmed` });
    return problems.length === 0
      ? pass(
          {
            zh: `社会资本投入 ${formatWan(ctx.socialCapital ?? 0, 'zh')}，${ctx.completedOn} 完成`,
            en: `social capital ${formatWan(ctx.socialCapital ?? 0, 'en')}, completed ${ctx.completedOn}`,
          },
          facts,
        )
      : fail({ zh: problems.map((x) => x.zh).join('；'), en: problems.map((x) => x.en).join('; ') }, facts);
  },
};

export const rule3_4_b: Rule<RecognitionFacts> = {
  code: '3.4.b',
  clause: {
    zh: '经科研任务承担单位申请，市科技局复核后认定；不安排市财政经费。',
    en: 'The undertaking unit applies and the bureau re-checks; no city funds are paid.',
  },
  params: [],
  check: (ctx) => {
    const facts = { cityFunds: ctx.cityFunds, recheck: ctx.recheck };
    if (ctx.cityFunds !== null && ctx.cityFunds > 0)
      return fail({ zh: '认定立项不安排市财政经费', en: 'recognition carries no city funds' }, facts);
    if (!ctx.recheck) return review({ zh: '待市科技局复核', en: 'awaiting the bureau’s re-check' }, facts);
    return ctx.recheck.passed
      ? pass({ zh: '市科技局复核通过', en: 're-checked by the bureau' }, facts)
      : fail({ zh: '市科技局复核未通过', en: 'the bureau’s re-check failed' }, facts);
  },
};

export const RECOGNITION_RULES = [rule3_4_a, rule3_4_b] as const;
