/** Benchmark `matching` (issue 4). Prints one JSON object; see bench/run.ts. */
export async function matchingBench(): Promise<Record<string, unknown>[]> {
  return [{ bench: 'matching', status: 'not yet implemented' }];
}
