import { AppError, ControlGraph, type AddSubsidiaryInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import {
  findControlEdge,
  findOrganisation,
  loadControlEdges,
  lockControlGraph,
  organisationNames,
} from '../../repositories/organisations.js';
import { inTransaction } from '../transaction.js';

/**
 * Records that one organisation controls another. Control must stay acyclic (an organisation cannot
 * control itself, directly or through others): a cycle is refused with the path of names it would close.
 */
export async function addSubsidiary(deps: Deps, actor: Actor, parentId: string, input: AddSubsidiaryInput) {
  return inTransaction(deps, async (tx, now) => {
    await lockControlGraph(tx);
    const parent = await findOrganisation(tx, parentId);
    if (!parent) throw new AppError('not_found');
    const child = await findOrganisation(tx, input.childId);
    if (!child) throw new AppError('validation_failed', [{ path: 'body.childId', message: 'no such organisation / 单位不存在' }]);
    const graph = new ControlGraph(await loadControlEdges(tx));
    const path = graph.cyclePath(parentId, input.childId);
    if (path) {
      const names = new Map((await organisationNames(tx, [...new Set(path)])).map((o) => [o.id, o.name]));
      const pathNames = path.map((id) => names.get(id) ?? id);
      throw new AppError('cycle', [
        {
          path: 'body.childId',
          message: `control would form a cycle: ${pathNames.join(' → ')} / 控制关系将形成循环`,
          cycle: pathNames,
        },
      ]);
    }
    if (await findControlEdge(tx, parentId, input.childId)) {
      throw new AppError('conflict', [{ path: 'body.childId', message: 'already a subsidiary / 已是其下属单位' }]);
    }
    const sharePct = input.sharePct ?? null;
    await tx
      .insertInto('control_edges')
      .values({ parent_id: parentId, child_id: input.childId, share_pct: sharePct === null ? null : String(sharePct) })
      .execute();
    await appendAudit(tx, actor, now, {
      action: 'organisation.control_add',
      entityType: 'organisation',
      entityId: parentId,
      after: { parentId, parentName: parent.name, childId: child.id, childName: child.name, sharePct },
    });
    return { parentId, childId: child.id, sharePct };
  });
}
