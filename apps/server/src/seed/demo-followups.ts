import { addDays, daysBetween, shanghaiDate, type FollowupKind, type FollowupOutputType } from '@rdplan/domain';
import { createFollowupEntry } from '../commands/national/followup-create.js';
import { systemActor, type Deps } from '../context.js';
import { findFollowupProject, involvesGuangzhou, unitsOf } from '../repositories/national-followup.js';

export interface SeedFollowupsResult {
  projects: number;
  entries: number;
}

interface Planned {
  kind: FollowupKind;
  title: string;
  detail: string;
  occurredOn: string;
  outputType?: FollowupOutputType;
}

/**
 * A realistic follow-up timeline (4.2.b) for each demo national project that involves a Guangzhou unit:
 * the launch meeting, the mid-term check, a patent and a standard, an industrialisation matchmaking
 * service by the bureau, and the results meeting — placed within the project's period, never after
 * today (a milestone still ahead is kept as planned). Idempotent: a project that already has follow-up
 * entries is left alone.
 */
export async function seedDemoFollowups(deps: Deps): Promise<SeedFollowupsResult> {
  const actor = systemActor('seed');
  const today = shanghaiDate(deps.clock.now());
  const candidates = await deps.db
    .selectFrom('national_projects as p')
    .select('p.national_id')
    .where(involvesGuangzhou())
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('national_followups as f').select('f.id').whereRef('f.project_national_id', '=', 'p.national_id'))),
    )
    .orderBy('p.national_id')
    .execute();
  let projects = 0;
  let entries = 0;
  for (const { national_id } of candidates) {
    const project = await findFollowupProject(deps.db, { kind: 'all' }, national_id);
    if (!project) continue;
    const units = (await unitsOf(deps.db, [project])).get(national_id) ?? [];
    const gz = units.find((u) => u.isGuangzhou && u.orgId) ?? units.find((u) => u.isGuangzhou);
    const unitName = gz?.orgName ?? gz?.name ?? project.lead_name;
    const start = project.start_date ?? addDays(today, -365);
    const end = project.end_date ?? addDays(start, 3 * 365);
    const span = Math.max(daysBetween(start, end), 120);
    const at = (share: number) => addDays(start, Math.round(span * share));
    const planned: Planned[] = [
      {
        kind: 'meeting',
        title: '项目启动会',
        detail: `市科技局派员出席项目启动会，了解${unitName}承担任务的分工与实施计划。`,
        occurredOn: addDays(start, 30),
      },
      {
        kind: 'output',
        outputType: 'patent',
        title: '发明专利授权：关键工艺与装置',
        detail: `${unitName}作为专利权人获授权发明专利 1 件。`,
        occurredOn: at(0.4),
      },
      {
        kind: 'milestone',
        title: '中期检查',
        detail: '完成中期检查，核心指标按计划推进，经费执行率符合要求。',
        occurredOn: at(0.5),
      },
      {
        kind: 'output',
        outputType: 'standard',
        title: '团体标准发布',
        detail: `${unitName}牵头起草的团体标准正式发布实施。`,
        occurredOn: at(0.6),
      },
      {
        kind: 'service',
        title: '产业化对接服务：成果转化与投融资对接会',
        detail: '市科技局组织产业链上下游企业与投资机构开展成果转化对接，促成 2 家企业试用。',
        occurredOn: at(0.7),
      },
      {
        kind: 'meeting',
        title: '成果发布会',
        detail: '项目成果发布会，市科技局推介成果在本市产业链落地应用。',
        occurredOn: addDays(end, 60),
      },
    ];
    const due = planned.flatMap((p): Planned[] => {
      if (p.occurredOn <= today || p.kind === 'milestone') return [p];
      // A results meeting still ahead becomes the planned acceptance milestone.
      if (p.title === '成果发布会')
        return [{ kind: 'milestone', title: '结题验收准备', detail: '按期准备结题验收材料。', occurredOn: end }];
      return [];
    });
    for (const p of due) {
      await createFollowupEntry(deps, actor, national_id, {
        kind: p.kind,
        title: p.title,
        detail: p.detail,
        occurredOn: p.occurredOn,
        outputType: p.outputType ?? null,
        orgId: p.kind === 'output' ? (gz?.orgId ?? null) : null,
        reason: 'demo',
      });
      entries++;
    }
    projects++;
  }
  return { projects, entries };
}
