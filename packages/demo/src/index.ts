/**
 * @rdplan/demo — a deterministic, seeded generator of realistic (fictional) Guangzhou registry data
 * for the demo, the tests and the benchmarks. Pure functions, no I/O.
 */

import { generateRegistry } from './generate.js';
import { demoUsers, type DemoUser } from './users.js';

export { generateRegistry, generateFields, DEFAULT_OPTIONS } from './generate.js';
export type { DemoRegistry, GenerateOptions } from './generate.js';
export { demoUsers, demoUnit, DEMO_ROLES, DEMO_PASSWORDS, DEMO_EMAILS, DEMO_REFERENCE_DATE } from './users.js';
export type { DemoRole, DemoUser } from './users.js';
export { Rng, WeightedTable, hashString } from './random.js';
export { CHAIN_DEFS } from './data/chains.js';
export type { ChainDef } from './data/chains.js';
export { FIELD_DEFS } from './data/fields.js';
export type { FieldDef } from './data/fields.js';
/** Regions the generator registers organisations in (with address vocabulary); codes are GB/T 2260. */
export { ALL_REGIONS as DEMO_REGIONS, regionInfo as demoRegionInfo } from './data/geo.js';
export type { RegionInfo as DemoRegionInfo, RegionGroup as DemoRegionGroup } from './data/geo.js';
export { MIN_ORGANISATIONS, typeCounts } from './organisations.js';
export { TITLE_NAMES, personKey } from './people.js';

/** The demo accounts of the default registry (seed 20260101, 2000 organisations, 800 + 1200 people). */
export const DEMO_USERS: readonly DemoUser[] = Object.freeze(demoUsers(generateRegistry()));
export { generateNational } from './national.js';
export type {
  NationalApplicationJson,
  NationalData,
  NationalOptions,
  NationalProjectJson,
  NationalTruth,
  NationalUnitJson,
} from './national.js';
export { demoPdf } from './pdf.js';
