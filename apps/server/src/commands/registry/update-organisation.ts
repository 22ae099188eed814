import { addDays, AppError, shanghaiDate, type UpdateOrganisationInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { OrganisationUpdate } from '../../db/schema.js';
import { AccessDenied } from '../../http/access-denied.js';
import { auditOrganisation, findOrganisationByUscc, findOrganisationForUpdate, formerNames } from '../../repositories/organisations.js';
import { inTransaction } from '../transaction.js';
import { isRegistryKeeper } from './access.js';
import { registryProblems } from './create-organisation.js';

/** What a unit admin may change of their own unit's record. */
const UNIT_EDITABLE = new Set(['address', 'reason']);

/**
 * Admins and officers change any registry field; a unit admin changes only their own unit's address.
 * A new name pushes the old one into the name history, in use until yesterday (Asia/Shanghai).
 */
export async function updateOrganisation(deps: Deps, actor: Actor, id: string, input: UpdateOrganisationInput) {
  const keeper = isRegistryKeeper(actor);
  if (!keeper) {
    if (!actor.roles.includes('unit_admin') || actor.orgId !== id) throw new AccessDenied('organisation', id);
    const refused = Object.keys(input).filter((k) => !UNIT_EDITABLE.has(k) && input[k as keyof typeof input] !== undefined);
    if (refused.length > 0) {
      throw new AppError(
        'forbidden',
        refused.map((k) => ({ path: `body.${k}`, message: 'only the bureau may change this field / 该字段仅市科技局可修改' })),
      );
    }
  }
  return inTransaction(deps, async (tx, now) => {
    const org = await findOrganisationForUpdate(tx, id);
    if (!org) throw new AppError('not_found');
    const problems = registryProblems({
      regionCode: input.regionCode,
      hnteValidFrom: input.hnteValidFrom === undefined ? org.hnte_valid_from : input.hnteValidFrom,
      hnteValidTo: input.hnteValidTo === undefined ? org.hnte_valid_to : input.hnteValidTo,
    });
    if (problems.length > 0) throw new AppError('validation_failed', problems);
    if (input.uscc !== undefined && input.uscc !== org.uscc && (await findOrganisationByUscc(tx, input.uscc))) {
      throw new AppError('conflict', [{ path: 'body.uscc', message: 'credit code already registered / 该统一社会信用代码已登记' }]);
    }
    const set: OrganisationUpdate = { updated_at: now };
    if (input.uscc !== undefined) set.uscc = input.uscc;
    if (input.type !== undefined) set.type = input.type;
    if (input.regionCode !== undefined) set.region_code = input.regionCode;
    if (input.address !== undefined) set.address = input.address;
    if (input.aboveDesignatedSize !== undefined) set.above_designated_size = input.aboveDesignatedSize;
    if (input.aboveDesignatedSizeYear !== undefined) set.above_designated_size_year = input.aboveDesignatedSizeYear;
    if (input.hnteCertNo !== undefined) set.hnte_cert_no = input.hnteCertNo;
    if (input.hnteValidFrom !== undefined) set.hnte_valid_from = input.hnteValidFrom;
    if (input.hnteValidTo !== undefined) set.hnte_valid_to = input.hnteValidTo;
    if (input.techSme !== undefined) set.tech_sme = input.techSme;
    if (input.techSmeYear !== undefined) set.tech_sme_year = input.techSmeYear;
    if (input.name !== undefined && input.name !== org.name) {
      set.name = input.name;
      const until = addDays(shanghaiDate(now), -1);
      set.former_names = JSON.stringify([...formerNames(org), { name: org.name, until }]);
    }
    // Nothing to change: no write, no audit event.
    if (Object.keys(set).length === 1) return org;
    const updated = await tx.updateTable('organisations').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: id,
      before: auditOrganisation(org),
      after: auditOrganisation(updated),
      reason: input.reason ?? null,
    });
    return updated;
  });
}
