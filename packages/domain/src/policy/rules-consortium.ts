/** 3.1 and 4.1: the chain consortium track, per project and across the chain's plan. */
import { formatWan } from '../money.js';
import { ORG_MODES, PROJECT_KINDS } from './codes.js';
import type { CallPublicationFacts, ChainPlanFacts, ConsortiumProjectFacts, PlanFacts } from './facts.js';
import { fail, pass, review, type Rule } from './rule.js';

const wan = (n: number) => formatWan(n, 'zh');
const mil = (n: number) => formatWan(n, 'en');

export const rule3_1_a: Rule<PlanFacts> = {
  code: '3.1.a',
  clause: {
    zh: '市科技局每年选取不超过10个重点产业链重要方向，以"定向组织"方式，支持链主企业牵头组织开展技术攻关。',
    en: 'Each year the bureau selects at most 10 key industry chain directions for directed organisation.',
  },
  params: ['maxChainsPerYear'],
  check: (ctx, p) => {
    const n = new Set(ctx.selectedChainCodes).size;
    const facts = { selected: n, chains: ctx.selectedChainCodes };
    return n <= p.maxChainsPerYear
      ? pass(
          {
            zh: `已选 ${n} 条产业链方向（上限 ${p.maxChainsPerYear}）`,
            en: `${n} chain directions selected (at most ${p.maxChainsPerYear})`,
          },
          facts,
        )
      : fail(
          {
            zh: `已选 ${n} 条产业链方向，超过上限 ${p.maxChainsPerYear}`,
            en: `${n} chain directions selected, more than ${p.maxChainsPerYear}`,
          },
          facts,
        );
  },
};

export const rule3_1_b: Rule<ChainPlanFacts> = {
  code: '3.1.b',
  clause: { zh: '市财政科技经费投入每年每条产业链不超1000万元。', en: 'City funds for one chain in one year are at most RMB 10 million.' },
  params: ['chainFundsCap'],
  check: (ctx, p) => {
    const total = ctx.projects.reduce((s, x) => s + (x.cityFunds ?? 0), 0);
    const facts = { total, projects: ctx.projects.map((x) => ({ id: x.id, cityFunds: x.cityFunds })) };
    return total <= p.chainFundsCap
      ? pass(
          {
            zh: `本链市财政经费合计 ${wan(total)}（上限 ${wan(p.chainFundsCap)}）`,
            en: `city funds total ${mil(total)} (at most ${mil(p.chainFundsCap)})`,
          },
          facts,
        )
      : fail(
          {
            zh: `本链市财政经费合计 ${wan(total)}，超过上限 ${wan(p.chainFundsCap)}`,
            en: `city funds total ${mil(total)}, above ${mil(p.chainFundsCap)}`,
          },
          facts,
        );
  },
};

export const rule3_1_c: Rule<ChainPlanFacts> = {
  code: '3.1.c',
  clause: { zh: '每条产业链支持项目5—10项。', en: 'Each selected chain supports 5 to 10 projects.' },
  params: ['chainProjectsMin', 'chainProjectsMax'],
  check: (ctx, p) => {
    const n = ctx.projects.length;
    const facts = { count: n, stage: ctx.stage };
    const range = { zh: `${p.chainProjectsMin}—${p.chainProjectsMax} 项`, en: `${p.chainProjectsMin} to ${p.chainProjectsMax}` };
    if (n > p.chainProjectsMax) return fail({ zh: `已纳入 ${n} 项，超过 ${range.zh}`, en: `${n} projects, more than ${range.en}` }, facts);
    if (n < p.chainProjectsMin) {
      const detail = { zh: `已纳入 ${n} 项，定稿须 ${range.zh}`, en: `${n} projects; finalising needs ${range.en}` };
      return ctx.stage === 'final' ? fail(detail, facts) : review(detail, facts);
    }
    return pass({ zh: `已纳入 ${n} 项（${range.zh}）`, en: `${n} projects (${range.en})` }, facts);
  },
};

export const rule3_1_d: Rule<ConsortiumProjectFacts> = {
  code: '3.1.d',
  clause: { zh: '每项项目定额支持100万元或200万元。', en: 'Each project is funded at a fixed RMB 1 or 2 million; no other amount.' },
  params: ['chainProjectAmounts'],
  check: (ctx, p) => {
    const allowed = { zh: p.chainProjectAmounts.map(wan).join(' 或 '), en: p.chainProjectAmounts.map(mil).join(' or ') };
    const facts = { cityFunds: ctx.cityFunds };
    if (ctx.cityFunds === null)
      return fail({ zh: `未填写市财政经费，须为 ${allowed.zh}`, en: `no city funds given; must be ${allowed.en}` }, facts);
    return p.chainProjectAmounts.includes(ctx.cityFunds)
      ? pass({ zh: `市财政经费 ${wan(ctx.cityFunds)}`, en: `city funds ${mil(ctx.cityFunds)}` }, facts)
      : fail(
          { zh: `市财政经费 ${wan(ctx.cityFunds)}，须为 ${allowed.zh}`, en: `city funds ${mil(ctx.cityFunds)}; must be ${allowed.en}` },
          facts,
        );
  },
};

export const rule3_1_e: Rule<ConsortiumProjectFacts> = {
  code: '3.1.e',
  clause: {
    zh: '由链主企业根据产业发展需求，提出影响制约产业链安全发展的关键共性技术攻关项目或实现跨越式发展的颠覆性创新技术攻关项目。',
    en: 'Projects are proposed by the chain leader, each either a key common technology or a disruptive innovation.',
  },
  params: [],
  check: (ctx) =>
    ctx.kind !== null && PROJECT_KINDS.includes(ctx.kind)
      ? pass({ zh: '项目类型已确定', en: 'the kind of project is set' }, { kind: ctx.kind })
      : fail({ zh: '须选择关键共性技术或颠覆性创新技术', en: 'choose key common technology or disruptive innovation' }, { kind: ctx.kind }),
};

export const rule3_1_f: Rule<ConsortiumProjectFacts> = {
  code: '3.1.f',
  clause: {
    zh: '联合产业链上下游中小企业、高校、科研院所或医疗机构组建创新联合体，组织实施一批重大科技项目。',
    en: 'Each project is carried out by members of the innovation consortium.',
  },
  params: [],
  check: (ctx) => {
    const members = new Set(ctx.memberOrgIds);
    const outsiders = [ctx.leadOrgId, ...ctx.participantOrgIds].filter((id): id is string => id !== null && !members.has(id));
    const facts = { leadOrgId: ctx.leadOrgId, participantOrgIds: ctx.participantOrgIds, outsiders };
    if (ctx.leadOrgId === null) return fail({ zh: '未确定牵头单位', en: 'no lead unit named' }, facts);
    return outsiders.length === 0
      ? pass({ zh: '牵头及参与单位均为联合体成员', en: 'the lead and every participant are consortium members' }, facts)
      : fail({ zh: `${outsiders.length} 个单位不是联合体成员`, en: `${outsiders.length} unit(s) are not consortium members` }, facts);
  },
};

export const rule3_1_g: Rule<ConsortiumProjectFacts> = {
  code: '3.1.g',
  clause: {
    zh: '链主企业及创新联合体企业应足额配套自筹经费。',
    en: 'The leader and consortium enterprises provide full self-raised matching funds.',
  },
  params: ['minMatchingRatioPct'],
  check: (ctx, p) => {
    const city = ctx.cityFunds ?? 0;
    const self = ctx.selfFunds ?? 0;
    // self / city ≥ pct / 100, in integers.
    const needed = Math.ceil((city * p.minMatchingRatioPct) / 100);
    const facts = { cityFunds: city, selfFunds: ctx.selfFunds, needed };
    if (ctx.selfFunds === null)
      return fail({ zh: `未填写自筹经费（至少 ${wan(needed)}）`, en: `no self-raised funds given (at least ${mil(needed)})` }, facts);
    return self * 100 >= city * p.minMatchingRatioPct
      ? pass({ zh: `自筹 ${wan(self)}，不低于 ${wan(needed)}`, en: `self-raised ${mil(self)}, at least ${mil(needed)}` }, facts)
      : fail({ zh: `自筹 ${wan(self)}，低于 ${wan(needed)}`, en: `self-raised ${mil(self)}, below ${mil(needed)}` }, facts);
  },
};

export const rule3_1_h: Rule<ChainPlanFacts> = {
  code: '3.1.h',
  clause: {
    zh: '原则上，链主企业及其子公司牵头承担的项目总数不超2项，分配的市财政科技经费总额不超200万元。',
    en: 'In principle the chain leader and its subsidiaries lead at most 2 projects with at most RMB 2 million of city funds in total.',
  },
  params: ['leaderGroupMaxProjects', 'leaderGroupMaxFunds'],
  inPrinciple: true,
  check: (ctx, p) => {
    const group = new Set(ctx.leaderGroupOrgIds);
    const led = ctx.projects.filter((x) => x.leadOrgId !== null && group.has(x.leadOrgId));
    const funds = led.reduce((s, x) => s + (x.cityFunds ?? 0), 0);
    const facts = {
      groupSize: group.size,
      projects: led.map((x) => ({ id: x.id, title: x.title, leadOrgId: x.leadOrgId, cityFunds: x.cityFunds })),
      count: led.length,
      funds,
    };
    const problems: string[] = [];
    const problemsEn: string[] = [];
    if (led.length > p.leaderGroupMaxProjects) {
      problems.push(`牵头 ${led.length} 项，超过 ${p.leaderGroupMaxProjects} 项`);
      problemsEn.push(`leads ${led.length} projects, more than ${p.leaderGroupMaxProjects}`);
    }
    if (funds > p.leaderGroupMaxFunds) {
      problems.push(`市财政经费 ${wan(funds)}，超过 ${wan(p.leaderGroupMaxFunds)}`);
      problemsEn.push(`city funds ${mil(funds)}, above ${mil(p.leaderGroupMaxFunds)}`);
    }
    return problems.length === 0
      ? pass(
          {
            zh: `链主及其子公司牵头 ${led.length} 项、市财政经费 ${wan(funds)}`,
            en: `the leader group leads ${led.length} project(s) with ${mil(funds)}`,
          },
          facts,
        )
      : fail({ zh: `链主及其子公司${problems.join('，')}`, en: `the leader group ${problemsEn.join('; ')}` }, facts);
  },
};

export const rule4_1_a: Rule<ChainPlanFacts> = {
  code: '4.1.a',
  clause: {
    zh: '牵头联合中小企业和高校科研院所以及其他组织，组建创新联合体，形成核心技术专家团队。',
    en: 'Lead a consortium with SMEs, universities, institutes and others, and form a core technical expert team.',
  },
  params: ['minExpertTeam'],
  check: (ctx, p) => {
    const facts = { members: ctx.memberCount, experts: ctx.expertCount };
    const problems = [] as { zh: string; en: string }[];
    if (ctx.memberCount < 2) problems.push({ zh: '联合体除链主外尚无成员', en: 'the consortium has no member besides the leader' });
    if (ctx.expertCount < p.minExpertTeam)
      problems.push({
        zh: `核心技术专家 ${ctx.expertCount} 人，少于 ${p.minExpertTeam} 人`,
        en: `${ctx.expertCount} core experts, fewer than ${p.minExpertTeam}`,
      });
    if (problems.length === 0)
      return pass(
        {
          zh: `联合体 ${ctx.memberCount} 个单位，核心专家 ${ctx.expertCount} 人`,
          en: `${ctx.memberCount} members, ${ctx.expertCount} core experts`,
        },
        facts,
      );
    const detail = { zh: problems.map((x) => x.zh).join('；'), en: problems.map((x) => x.en).join('; ') };
    return ctx.stage === 'final' ? fail(detail, facts) : review(detail, facts);
  },
};

export const rule4_1_b: Rule<ChainPlanFacts> = {
  code: '4.1.b',
  clause: {
    zh: '依托核心技术专家团队梳理产业链的短板弱项，制定年度科技攻关工作方案。',
    en: "Map the chain's weak points with the expert team and draw up the annual S&T work plan.",
  },
  params: [],
  check: (ctx) => {
    const untyped = ctx.projects.filter((x) => x.kind === null).map((x) => x.id);
    const facts = { weakPoints: ctx.weakPointCount, untyped };
    const problems = [] as { zh: string; en: string }[];
    if (ctx.weakPointCount === 0) problems.push({ zh: '尚未梳理短板弱项', en: 'no weak points mapped' });
    if (untyped.length > 0) problems.push({ zh: `${untyped.length} 个项目未确定类型`, en: `${untyped.length} project(s) without a kind` });
    if (problems.length === 0)
      return pass({ zh: `已梳理 ${ctx.weakPointCount} 项短板弱项`, en: `${ctx.weakPointCount} weak points mapped` }, facts);
    const detail = { zh: problems.map((x) => x.zh).join('；'), en: problems.map((x) => x.en).join('; ') };
    return ctx.stage === 'final' ? fail(detail, facts) : review(detail, facts);
  },
};

export const rule4_1_c: Rule<ChainPlanFacts> = {
  code: '4.1.c',
  clause: {
    zh: '对纳入年度科技攻关工作方案的项目进行充分论证和比选。',
    en: 'Argue and compare the candidate projects before they enter the plan.',
  },
  params: [],
  check: (ctx) => {
    const missing = ctx.projects.filter((x) => !x.compared).map((x) => ({ id: x.id, title: x.title }));
    const facts = { missing };
    if (missing.length === 0)
      return pass({ zh: '纳入方案的项目均已论证比选', en: 'every project in the plan has been argued and compared' }, facts);
    const detail = {
      zh: `${missing.length} 个项目尚无论证比选记录`,
      en: `${missing.length} project(s) without an argument-and-comparison record`,
    };
    return ctx.stage === 'final' ? fail(detail, facts) : review(detail, facts);
  },
};

export const rule4_1_e: Rule<ConsortiumProjectFacts> = {
  code: '4.1.e',
  clause: {
    zh: '鼓励探索"揭榜挂帅""经理人制度"和"业主制"等方式。',
    en: 'Projects may be organised as open challenge, project-manager system or owner system.',
  },
  params: [],
  check: (ctx) =>
    ctx.orgMode !== null && ORG_MODES.includes(ctx.orgMode)
      ? pass({ zh: '已确定组织方式', en: 'the organisation mode is set' }, { orgMode: ctx.orgMode })
      : fail({ zh: '须选择项目组织方式', en: 'choose how the project is organised' }, { orgMode: ctx.orgMode }),
};

export const rule4_3_a: Rule<CallPublicationFacts> = {
  code: '4.3.a',
  clause: {
    zh: '公开申报条件、申报材料和评审认定标准。',
    en: 'Publish the application conditions, required materials and review criteria.',
  },
  params: [],
  check: (ctx) => {
    const missing = [
      ...(ctx.conditions === 0 ? [{ zh: '申报条件', en: 'conditions' }] : []),
      ...(ctx.materials === 0 ? [{ zh: '申报材料', en: 'materials' }] : []),
      ...(ctx.criteria === 0 ? [{ zh: '评审标准', en: 'criteria' }] : []),
    ];
    const facts = { ...ctx };
    return missing.length === 0
      ? pass({ zh: '申报条件、材料和评审标准已公布', en: 'conditions, materials and criteria are published' }, facts)
      : fail({ zh: `尚未填写${missing.map((m) => m.zh).join('、')}`, en: `missing ${missing.map((m) => m.en).join(', ')}` }, facts);
  },
};

/** Checked on each project as it is edited and submitted. */
export const CONSORTIUM_PROJECT_RULES = [rule3_1_d, rule3_1_e, rule3_1_f, rule3_1_g, rule4_1_e] as const;
/** Checked across the chain's plan, live and at finalisation. */
export const CHAIN_PLAN_RULES = [rule3_1_b, rule3_1_c, rule3_1_h, rule4_1_a, rule4_1_b, rule4_1_c] as const;
export const PLAN_RULES = [rule3_1_a] as const;
export const CALL_RULES = [rule4_3_a] as const;
