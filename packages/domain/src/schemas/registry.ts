import { z } from 'zod';
import { ORG_TYPES } from '../registry.js';
import { IsoDate, NonEmpty, Page, RegionCode, Uscc } from './common.js';

/** Registry requests: organisations, corporate control and imports. */

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const Year = z.number().int().min(1990).max(2100);

export const OrganisationListQuery = Page.extend({
  /** Part of the name (current or former) or of the credit code. */
  q: z.string().trim().max(100).optional(),
  type: z.enum(ORG_TYPES).optional(),
  /** Region code prefix: 44 (Guangdong), 4401 (Guangzhou), 440106 (Tianhe). */
  region: z
    .string()
    .regex(/^\d{2,6}$/, { message: 'two to six digits of a GB/T 2260 code' })
    .optional(),
  inGuangzhou: Flag.optional(),
  aboveDesignatedSize: Flag.optional(),
  /** Holds a high-and-new-tech enterprise certificate valid on this date. */
  hnteValidOn: IsoDate.optional(),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;

const RegistryFields = {
  address: z.string().trim().max(300).nullable(),
  aboveDesignatedSize: z.boolean(),
  aboveDesignatedSizeYear: Year.nullable(),
  hnteCertNo: z.string().trim().max(60).nullable(),
  hnteValidFrom: IsoDate.nullable(),
  hnteValidTo: IsoDate.nullable(),
  techSme: z.boolean(),
  techSmeYear: Year.nullable(),
};

export const CreateOrganisationInput = z.strictObject({
  uscc: Uscc,
  name: NonEmpty(200),
  type: z.enum(ORG_TYPES),
  regionCode: RegionCode,
  address: RegistryFields.address.optional(),
  aboveDesignatedSize: RegistryFields.aboveDesignatedSize.optional(),
  aboveDesignatedSizeYear: RegistryFields.aboveDesignatedSizeYear.optional(),
  hnteCertNo: RegistryFields.hnteCertNo.optional(),
  hnteValidFrom: RegistryFields.hnteValidFrom.optional(),
  hnteValidTo: RegistryFields.hnteValidTo.optional(),
  techSme: RegistryFields.techSme.optional(),
  techSmeYear: RegistryFields.techSmeYear.optional(),
  reason: z.string().trim().max(500).optional(),
});
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationInput>;

/** Every field optional; a unit admin may send only `address` (and `reason`). */
export const UpdateOrganisationInput = z.strictObject({
  uscc: Uscc.optional(),
  name: NonEmpty(200).optional(),
  type: z.enum(ORG_TYPES).optional(),
  regionCode: RegionCode.optional(),
  address: RegistryFields.address.optional(),
  aboveDesignatedSize: RegistryFields.aboveDesignatedSize.optional(),
  aboveDesignatedSizeYear: RegistryFields.aboveDesignatedSizeYear.optional(),
  hnteCertNo: RegistryFields.hnteCertNo.optional(),
  hnteValidFrom: RegistryFields.hnteValidFrom.optional(),
  hnteValidTo: RegistryFields.hnteValidTo.optional(),
  techSme: RegistryFields.techSme.optional(),
  techSmeYear: RegistryFields.techSmeYear.optional(),
  reason: z.string().trim().max(500).optional(),
});
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationInput>;

export const AddSubsidiaryInput = z.strictObject({
  childId: z.string().uuid(),
  sharePct: z.number().min(0).max(100).nullable().optional(),
});
export type AddSubsidiaryInput = z.infer<typeof AddSubsidiaryInput>;

export const SubsidiaryParams = z.strictObject({ id: z.string().uuid(), childId: z.string().uuid() });

export const ImportQuery = z.strictObject({ dryRun: Flag.optional() });
export const TemplateQuery = z.strictObject({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
