import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { isValidUscc, normaliseUscc } from '../uscc.js';

/** Request schemas shared by the server (authoritative) and the web forms (instant feedback). */

export const Email = z
  .string()
  .trim()
  .max(254)
  .email({ message: 'invalid e-mail address / 电子邮箱格式不正确' })
  .transform((s) => s.toLowerCase());

export const Uscc = z.string().max(40).transform(normaliseUscc).refine(isValidUscc, {
  message: 'not a valid unified social credit code (GB 32100-2015) / 统一社会信用代码无效',
});

/** The dates the platform accepts: policy dates of this era and the next two centuries (PostgreSQL's range is wider). */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2199-12-31';

/** A real calendar date 'YYYY-MM-DD' between DATE_MIN and DATE_MAX (2026-02-30, 0000-01-01, 9999-12-31 fail). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date as YYYY-MM-DD / 日期格式应为 YYYY-MM-DD' })
  .refine(isIsoDate, { message: 'not a calendar date / 不是有效日期' })
  .refine((s) => s >= DATE_MIN && s <= DATE_MAX, { message: `date between ${DATE_MIN} and ${DATE_MAX} / 日期超出范围` });

export const RegionCode = z.string().regex(/^\d{6}$/, { message: 'GB/T 2260 code of six digits' });

export const Uuid = z.string().uuid();
export const IdParams = z.strictObject({ id: Uuid });

export const Page = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const NonEmpty = (max: number) => z.string().trim().min(1).max(max);
