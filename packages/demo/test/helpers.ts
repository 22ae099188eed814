import { generateRegistry, type DemoRegistry } from '../src/index.js';

let cached: DemoRegistry | undefined;
/** The default registry, generated once per test file. */
export function defaultRegistry(): DemoRegistry {
  cached ??= generateRegistry();
  return cached;
}

export function currentAffiliation(p: DemoRegistry['people'][number]) {
  return p.affiliations.filter((a) => a.to === null);
}

/** Depth of every organisation below its group root (roots and standalone organisations: 0). */
export function controlDepths(reg: DemoRegistry): Map<string, number> {
  const parent = new Map(reg.controlEdges.map((e) => [e.childUscc, e.parentUscc]));
  const depths = new Map<string, number>();
  for (const o of reg.organisations) {
    let d = 0;
    let cur = o.uscc;
    const seen = new Set<string>();
    while (parent.has(cur)) {
      if (seen.has(cur)) throw new Error(`cycle through ${cur}`);
      seen.add(cur);
      cur = parent.get(cur)!;
      d++;
    }
    depths.set(o.uscc, d);
  }
  return depths;
}
