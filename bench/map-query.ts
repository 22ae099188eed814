/** Benchmark `map-query` (issue 4). Prints one JSON object; see bench/run.ts. */
export async function mapQueryBench(): Promise<Record<string, unknown>[]> {
  return [{ bench: 'map-query', status: 'not yet implemented' }];
}
