/** The demo registry: chains, fields, organisations, corporate control and people, from one seed. */

import type { ChainRecord, ControlEdge, FieldRecord, OrganisationRecord, PersonRecord } from '@rdplan/domain';
import { FIELD_DEFS, directionCode } from './data/fields.js';
import { generateOrganisations } from './organisations.js';
import { generatePeople } from './people.js';

export interface GenerateOptions {
  /** PRNG seed; the same seed and counts always give byte-identical output. */
  seed?: number;
  /** Total organisations, chain leaders and subsidiaries included (≥ 120). */
  organisations?: number;
  experts?: number;
  researchers?: number;
}

export interface DemoRegistry {
  chains: ChainRecord[];
  fields: FieldRecord[];
  organisations: OrganisationRecord[];
  controlEdges: ControlEdge[];
  people: PersonRecord[];
}

export const DEFAULT_OPTIONS: Readonly<Required<GenerateOptions>> = {
  seed: 20260101,
  organisations: 2000,
  experts: 800,
  researchers: 1200,
};

/** Fields F01..F12 and their directions (F01.01 …), parents before children. */
export function generateFields(): FieldRecord[] {
  const out: FieldRecord[] = [];
  for (const f of FIELD_DEFS) {
    out.push({ code: f.code, nameZh: f.nameZh, nameEn: f.nameEn, parentCode: null });
    f.directions.forEach(([nameZh, nameEn], i) => {
      out.push({ code: directionCode(f.code, i), nameZh, nameEn, parentCode: f.code });
    });
  }
  return out;
}

/**
 * Generates a realistic, fictional Guangzhou registry. Pure and deterministic: organisations and
 * people use independent PRNG streams derived from the seed.
 */
export function generateRegistry(options: GenerateOptions = {}): DemoRegistry {
  const opts = { ...DEFAULT_OPTIONS };
  for (const k of Object.keys(DEFAULT_OPTIONS) as (keyof GenerateOptions)[]) {
    const v = options[k];
    if (v !== undefined) opts[k] = v;
  }
  const orgs = generateOrganisations(opts.seed, opts.organisations);
  const people = generatePeople({
    seed: opts.seed,
    experts: opts.experts,
    researchers: opts.researchers,
    drafts: orgs.drafts,
    chains: orgs.chains,
    demoUnitUscc: orgs.demoUnitUscc,
  });
  return {
    chains: orgs.chains,
    fields: generateFields(),
    organisations: orgs.drafts.map((d) => d.record),
    controlEdges: orgs.controlEdges,
    people,
  };
}
