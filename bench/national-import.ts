/** Benchmark `national-import` (issue 4). Prints one JSON object; see bench/run.ts. */
export async function nationalImportBench(): Promise<Record<string, unknown>[]> {
  return [{ bench: 'national-import', status: 'not yet implemented' }];
}
