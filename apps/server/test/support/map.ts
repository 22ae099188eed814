import type { Executor } from '../../src/db/database.js';

/**
 * The map tests' taxonomy: fields F01 (with F01.01), F02 (with F02.01) and F03, and two chains — M01 on F01
 * and M02 on `m02Fields`.
 */
export async function seedMapTaxonomy(db: Executor, m02Fields: string[]): Promise<void> {
  for (const [code, parent] of [
    ['F01', null],
    ['F01.01', 'F01'],
    ['F02', null],
    ['F02.01', 'F02'],
    ['F03', null],
  ] as const) {
    const parentId = parent ? (await db.selectFrom('fields').select('id').where('code', '=', parent).executeTakeFirstOrThrow()).id : null;
    await db
      .insertInto('fields')
      .values({ code, name_zh: `领域${code}`, name_en: `Field ${code}`, parent_id: parentId })
      .execute();
  }
  await db
    .insertInto('chains')
    .values([
      { code: 'M01', name_zh: '智能装备链', name_en: 'Smart equipment', field_codes: ['F01'] },
      { code: 'M02', name_zh: '生物医药链', name_en: 'Biomedicine', field_codes: m02Fields },
    ])
    .execute();
}
