import { z } from 'zod';
import { TITLE_LEVELS } from '../registry.js';
import { Email, IsoDate, NonEmpty, Page } from './common.js';

/** People requests: researchers and experts, their fields, keywords and affiliations. */

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const PeopleListQuery = Page.extend({
  /** Part of the name. */
  q: z.string().trim().max(100).optional(),
  expert: Flag.optional(),
  /** Field code prefix: F01 matches F01 and its directions F01.xx. */
  field: z
    .string()
    .trim()
    .regex(/^[A-Z0-9.]{1,21}$/, { message: 'a field code or its beginning, e.g. F01' })
    .optional(),
  /** People currently affiliated with this organisation. */
  orgId: z.string().uuid().optional(),
});
export type PeopleListQuery = z.infer<typeof PeopleListQuery>;

const Keywords = z.array(z.string().trim().min(1).max(50)).max(20);
const FieldCodes = z.array(z.string().trim().min(1).max(21)).max(20);

export const CreatePersonInput = z.strictObject({
  /** Stable external key; generated when absent. */
  key: z.string().trim().min(1).max(100).optional(),
  name: NonEmpty(100),
  email: Email.nullable().optional(),
  titleLevel: z.enum(TITLE_LEVELS),
  titleName: z.string().trim().max(50).nullable().optional(),
  fieldCodes: FieldCodes.default([]),
  keywords: Keywords.default([]),
  isExpert: z.boolean().default(false),
  reason: z.string().trim().max(500).optional(),
});
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;

export const UpdatePersonInput = z.strictObject({
  name: NonEmpty(100).optional(),
  email: Email.nullable().optional(),
  titleLevel: z.enum(TITLE_LEVELS).optional(),
  titleName: z.string().trim().max(50).nullable().optional(),
  fieldCodes: FieldCodes.optional(),
  keywords: Keywords.optional(),
  isExpert: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type UpdatePersonInput = z.infer<typeof UpdatePersonInput>;

export const AddAffiliationInput = z.strictObject({
  orgId: z.string().uuid(),
  position: z.string().trim().max(100).default(''),
  from: IsoDate,
  /** Absent for the current post: the previous current post then ends the day before `from`. */
  to: IsoDate.nullable().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type AddAffiliationInput = z.infer<typeof AddAffiliationInput>;

/** What an expert may change about themself. */
export const ExpertProfileInput = z
  .strictObject({
    fieldCodes: FieldCodes.optional(),
    keywords: Keywords.optional(),
    /** Review availability (issue 5): off, or off until a date (inclusive). */
    available: z.boolean().optional(),
    unavailableUntil: IsoDate.nullable().optional(),
  })
  .refine((v) => v.fieldCodes !== undefined || v.keywords !== undefined || v.available !== undefined || v.unavailableUntil !== undefined, {
    message: 'fieldCodes, keywords, available or unavailableUntil',
  });
export type ExpertProfileInput = z.infer<typeof ExpertProfileInput>;
