import { AppError, isValidRegionCode, type CreateOrganisationInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { auditOrganisation, findOrganisationByUscc } from '../../repositories/organisations.js';
import { inTransaction } from '../transaction.js';

type Detail = { path: string; message: string };

/** Checks that span fields; paths name the request fields. */
export function registryProblems(v: {
  regionCode?: string | undefined;
  hnteValidFrom?: string | null | undefined;
  hnteValidTo?: string | null | undefined;
}): Detail[] {
  const problems: Detail[] = [];
  if (v.regionCode !== undefined && !isValidRegionCode(v.regionCode)) {
    problems.push({ path: 'body.regionCode', message: 'unknown GB/T 2260 region code / 行政区划代码无效' });
  }
  if (v.hnteValidFrom && v.hnteValidTo && v.hnteValidTo < v.hnteValidFrom) {
    problems.push({ path: 'body.hnteValidTo', message: 'certificate ends before it starts / 证书有效期止早于起始日期' });
  }
  return problems;
}

/** An officer enters an organisation into the registry; the credit code is unique. */
export async function createOrganisation(deps: Deps, actor: Actor, input: CreateOrganisationInput) {
  const problems = registryProblems(input);
  if (problems.length > 0) throw new AppError('validation_failed', problems);
  return inTransaction(deps, async (tx, now) => {
    if (await findOrganisationByUscc(tx, input.uscc)) {
      throw new AppError('conflict', [{ path: 'body.uscc', message: 'credit code already registered / 该统一社会信用代码已登记' }]);
    }
    const org = await tx
      .insertInto('organisations')
      .values({
        uscc: input.uscc,
        name: input.name,
        type: input.type,
        region_code: input.regionCode,
        address: input.address ?? null,
        above_designated_size: input.aboveDesignatedSize ?? false,
        above_designated_size_year: input.aboveDesignatedSizeYear ?? null,
        hnte_cert_no: input.hnteCertNo ?? null,
        hnte_valid_from: input.hnteValidFrom ?? null,
        hnte_valid_to: input.hnteValidTo ?? null,
        tech_sme: input.techSme ?? false,
        tech_sme_year: input.techSmeYear ?? null,
        former_names: '[]',
        updated_at: now,
      })
      .onConflict((oc) => oc.column('uscc').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!org) {
      throw new AppError('conflict', [{ path: 'body.uscc', message: 'credit code already registered / 该统一社会信用代码已登记' }]);
    }
    await appendAudit(tx, actor, now, {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: org.id,
      after: auditOrganisation(org),
      reason: input.reason ?? null,
    });
    return org;
  });
}
