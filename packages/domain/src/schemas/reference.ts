import { z } from 'zod';
import { IsoDate, NonEmpty } from './common.js';

/** Reference data requests: industry chains, S&T fields and the working-day calendar. */

export const ChainCode = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{0,9}$/, { message: 'code: a capital letter then up to 9 capitals or digits, e.g. C01' });

export const CreateChainInput = z.strictObject({
  code: ChainCode,
  nameZh: NonEmpty(100),
  nameEn: NonEmpty(200),
  active: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type CreateChainInput = z.infer<typeof CreateChainInput>;

export const UpdateChainInput = z.strictObject({
  nameZh: NonEmpty(100).optional(),
  nameEn: NonEmpty(200).optional(),
  active: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type UpdateChainInput = z.infer<typeof UpdateChainInput>;

export const SetChainLeadersInput = z.strictObject({
  orgIds: z.array(z.string().uuid()).max(50),
  reason: z.string().trim().max(500).optional(),
});
export type SetChainLeadersInput = z.infer<typeof SetChainLeadersInput>;

export const FieldCode = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{0,9}(\.[0-9A-Z]{1,10})?$/, { message: 'code like F01 (field) or F01.03 (direction)' });

export const CreateFieldInput = z.strictObject({
  code: FieldCode,
  nameZh: NonEmpty(100),
  nameEn: NonEmpty(200),
  /** Code of the top-level field this direction belongs to; absent or null for a field. */
  parentCode: FieldCode.nullable().optional(),
  active: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type CreateFieldInput = z.infer<typeof CreateFieldInput>;

export const UpdateFieldInput = z.strictObject({
  code: FieldCode.optional(),
  nameZh: NonEmpty(100).optional(),
  nameEn: NonEmpty(200).optional(),
  parentCode: FieldCode.nullable().optional(),
  active: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type UpdateFieldInput = z.infer<typeof UpdateFieldInput>;

export const CalendarYear = z.coerce.number().int().min(2000).max(2100);
export const CalendarYearParams = z.strictObject({ year: CalendarYear });

export const CalendarDayInput = z.strictObject({
  date: IsoDate,
  kind: z.enum(['holiday', 'workday']),
  nameZh: z.string().trim().min(1).max(50).optional(),
  nameEn: z.string().trim().min(1).max(100).optional(),
});
export type CalendarDayInput = z.infer<typeof CalendarDayInput>;

export const PutCalendarYearInput = z.strictObject({
  days: z.array(CalendarDayInput).max(366),
  reason: z.string().trim().max(500).optional(),
});
export type PutCalendarYearInput = z.infer<typeof PutCalendarYearInput>;

export const WorkingDaysQuery = z.strictObject({
  from: IsoDate,
  n: z.coerce.number().int().min(0).max(1000),
});
