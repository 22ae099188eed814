import { AppError, shanghaiDate } from '@rdplan/domain';
import { publishNotice } from '../commands/notices/publish.js';
import { createCall } from '../commands/plans/create-call.js';
import { createPlan } from '../commands/plans/create-plan.js';
import { publishCall } from '../commands/plans/publish-call.js';
import { publishPlan } from '../commands/plans/publish-plan.js';
import { systemActor, type Actor, type Deps } from '../context.js';
import { callContent } from './demo-tracks.js';

export interface DemoNoticeResult {
  seeded: boolean;
  noticeId: string | null;
  reason?: string;
}

const NOTE = 'demo data: a confirmed selection of the previous year on public notice';
const PROJECTS = [
  { title: '高可靠车规级功率器件封装工艺研发', fieldCode: null },
  { title: '工业视觉缺陷检测边缘计算平台研发', fieldCode: null },
  { title: '可降解医用高分子材料中试研究', fieldCode: null },
];

/**
 * Demo data for issue 11: the previous year's plan with its backfill call (3.2) closed, three Guangzhou
 * enterprises' applications selected in a confirmed selection, and the notice of that selection published
 * now through the real command, so the public home page shows a current notice. Idempotent: does nothing
 * once any notice or the previous year's plan exists, or when the notice period would run into a year the
 * calendar does not cover (calendar_gap).
 */
export async function seedDemoNotice(deps: Deps): Promise<DemoNoticeResult> {
  const db = deps.db;
  const none = (reason: string): DemoNoticeResult => ({ seeded: false, noticeId: null, reason });
  if (await db.selectFrom('notices').select('id').limit(1).executeTakeFirst()) return none('a notice exists');
  const year = Number(shanghaiDate(deps.clock.now()).slice(0, 4)) - 1;
  if (await db.selectFrom('plans').select('id').where('year', '=', year).executeTakeFirst()) return none(`the ${year} plan exists`);
  const officer = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('status', '=', 'active')
    .where((eb) => eb(eb.val('officer'), '=', eb.fn.any('roles')))
    .orderBy('email')
    .limit(1)
    .executeTakeFirst();
  if (!officer) return none('no officer account');
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('type', '=', 'enterprise')
    .where('region_code', 'like', '4401%')
    .where('above_designated_size', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('users').select('users.id').whereRef('users.org_id', '=', 'organisations.id'))),
    )
    .orderBy('uscc')
    .limit(PROJECTS.length)
    .execute();
  if (orgs.length < PROJECTS.length) return none('too few Guangzhou enterprises');
  const fields = await db.selectFrom('fields').select('code').where('parent_id', 'is not', null).orderBy('code').limit(3).execute();

  const actor = systemActor('seed');
  // The plan and its call were made and published last February, as they would have been.
  const then: Deps = { ...deps, clock: { now: () => new Date(`${year}-02-20T02:00:00Z`) } };
  const plan = await createPlan(then, actor, {
    year,
    title: `${year}年度广州市重点领域研发计划`,
    params: {},
    budgets: { total: 20_000_000, consortium: 0, backfill: 20_000_000, continuation: 0 },
    chains: [],
    reason: NOTE,
  });
  const call = await createCall(then, actor, {
    planId: plan.id,
    track: 'backfill',
    opensAt: `${year}-03-01T00:00:00+08:00`,
    closesAt: `${year}-04-30T17:00:00+08:00`,
    ...callContent('backfill'),
  });
  await publishPlan(then, actor, plan.id, NOTE);
  await publishCall(then, actor, call.id, NOTE);
  const amount = plan.params.backfillAmount;
  const ids = await db.transaction().execute(async (tx) => {
    const out: string[] = [];
    for (const [i, org] of orgs.entries()) {
      const p = PROJECTS[i]!;
      const row = await tx
        .insertInto('applications')
        .values({
          call_id: call.id,
          track: 'backfill',
          org_id: org.id,
          status: 'selected',
          city_funds: amount,
          self_funds: amount,
          form: JSON.stringify({ title: p.title, fieldCode: fields[i]?.code ?? '' }),
          submitted_at: new Date(`${year}-04-20T02:00:00Z`),
          submitted_version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      out.push(row.id);
    }
    await tx
      .insertInto('selections')
      .values({ plan_id: plan.id, objective: 'rank', funded: out, result: JSON.stringify({}), reason: NOTE })
      .execute();
    return out;
  });
  const officerActor: Actor = { userId: officer.id, label: officer.email, roles: ['officer'], orgId: null, personId: null };
  try {
    const notice = await publishNotice(deps, officerActor, {
      planId: plan.id,
      source: 'selection',
      applicationIds: ids,
      howToObject:
        '公示期内，任何单位或个人对公示项目有异议的，可在本页面实名提交异议，写明真实姓名、工作单位和联系方式，并附理由和证明材料（PDF）；匿名或无理由的异议不予受理。联系电话：020-83124000。',
    });
    return { seeded: true, noticeId: notice.id };
  } catch (e) {
    if (e instanceof AppError && e.code === 'calendar_gap') return none('the notice period reaches a year without calendar data');
    throw e;
  }
}
