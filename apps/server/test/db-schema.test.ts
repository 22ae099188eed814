import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness.js';

/**
 * The Kysely table types (src/db/schema.ts) describe the migrated database: the same tables, the same
 * columns, and a column's row type admits null exactly when the database column is nullable. A migration
 * or a type changed alone fails here.
 */
const h = await startHarness();
const schemaFile = path.resolve(import.meta.dirname, '../src/db/schema.ts');

/** table → column → nullable, as the TypeScript types say (null in the column's type or in its ColumnType's select type). */
function declaredTables(): Map<string, Map<string, boolean>> {
  const probe = path.join(path.dirname(schemaFile), '__schema_probe__.ts');
  const source = `import type { DB } from './schema.js';\nexport type Rows = DB;\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === probe ? source : read(f));
  host.fileExists = (f) => path.resolve(f) === probe || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) =>
    path.resolve(f) === probe ? ts.createSourceFile(f, source, lang) : getSource(f, lang, ...rest);
  const program = ts.createProgram([probe], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(probe)!;
  const alias = file.statements.find(ts.isTypeAliasDeclaration)!;
  const rows = checker.getTypeAtLocation(alias.name);
  const out = new Map<string, Map<string, boolean>>();
  for (const table of checker.getPropertiesOfType(rows)) {
    const columns = new Map<string, boolean>();
    const rowType = checker.getTypeOfSymbolAtLocation(table, alias);
    for (const column of checker.getPropertiesOfType(rowType)) {
      columns.set(column.name, admitsNull(checker, checker.getTypeOfSymbolAtLocation(column, alias), alias));
    }
    out.set(table.name, columns);
  }
  return out;
}

function admitsNull(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  return (type.isUnion() ? type.types : [type]).some((part) => {
    if ((part.flags & ts.TypeFlags.Null) !== 0) return true;
    // Kysely's ColumnType<Select, Insert, Update> (and Generated<T>): what a select answers.
    const select = part.getProperty('__select__');
    return select !== undefined && admitsNull(checker, checker.getTypeOfSymbolAtLocation(select, at), at);
  });
}

describe('the Kysely table types', () => {
  it('match the migrated database: tables, columns and nullability', async () => {
    const declared = declaredTables();
    expect(declared.size).toBeGreaterThan(20);
    const tables = (await h.deps.db.introspection.getTables()).filter((t) => t.schema === 'public' && !t.name.startsWith('kysely_'));
    const actual = new Map(tables.map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.isNullable]))]));

    const describe = (m: Map<string, Map<string, boolean>>) =>
      Object.fromEntries(
        [...m]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([t, cols]) => [
            t,
            Object.fromEntries([...cols].sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => [c, n ? 'null' : 'not null'])),
          ]),
      );
    expect(describe(declared)).toEqual(describe(actual));
  });
});
