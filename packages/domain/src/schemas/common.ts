import { z } from 'zod';
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

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date as YYYY-MM-DD' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'not a calendar date' },
  );

export const RegionCode = z.string().regex(/^\d{6}$/, { message: 'GB/T 2260 code of six digits' });

export const Uuid = z.string().uuid();
export const IdParams = z.strictObject({ id: Uuid });

export const Page = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const NonEmpty = (max: number) => z.string().trim().min(1).max(max);
