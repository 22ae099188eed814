/**
 * Linking a national record's unit to a registry organisation (4.2): credit code first, then the
 * normalised name (current and former names), then a fuzzy look-up that only ever proposes.
 *
 * - A valid credit code on the unit decides the link alone: the organisation with that code is linked
 *   (1.0). When no organisation has it, the unit is never linked to an organisation with another credit
 *   code, whatever the names say — but when the name finds one (same or near-same name), the unit goes
 *   to the analysts' review queue as a possible match with conflicting codes (`reason: 'code_conflict'`),
 *   never auto-linked: a renamed or re-registered unit, a branch, or a typo in the record.
 * - Otherwise the keys of `normaliseOrgNameFull` are tried strict to loose (clean, form, core). The
 *   first key that finds organisations decides: exactly one (after dropping those whose registered
 *   place contradicts a place written in the unit's name, or the unit's own type / region) → matched;
 *   several → narrowed by type and region, else 'review' with the candidates.
 * - Nothing exact: character-bigram Jaccard on the core key over organisations sharing a rare
 *   bigram; the best at or above REVIEW_THRESHOLD go to 'review'; nothing close → 'unmatched'.
 */

import { isValidUscc, normaliseUscc } from '../uscc.js';
import { bigrams, bigramSimilarity, editDistance, normaliseOrgNameFull, placeConflict } from './normalise.js';

export interface MatchOrg {
  id: string;
  uscc: string;
  name: string;
  formerNames: readonly { name: string; until?: string | null }[];
  type?: string | null;
  regionCode?: string | null;
}

export interface MatchUnitInput {
  uscc?: string | null;
  name: string;
  type?: string | null;
  regionCode?: string | null;
}

export type MatchMethod = 'uscc' | 'name' | 'former_name';
export type MatchStatus = 'matched' | 'review' | 'unmatched';

export interface MatchCandidate {
  orgId: string;
  name: string;
  score: number;
}

export interface MatchResult {
  orgId: string | null;
  method: MatchMethod | null;
  confidence: number;
  status: MatchStatus;
  candidates: MatchCandidate[];
  /** 'code_conflict': the unit's valid credit code is not in the registry, but its name points at organisations with other codes. */
  reason?: 'code_conflict';
}

/** A possible match by name for a unit whose credit code no organisation has: review only, at a lower confidence. */
const CODE_CONFLICT_FACTOR = 0.5;

/** Fuzzy candidates at or above this bigram Jaccard go to review; below, the unit is unmatched. */
export const REVIEW_THRESHOLD = 0.6;
const MAX_CANDIDATES = 5;
/** Bigrams shared by more organisations than this are too common to retrieve candidates with. */
const COMMON_BIGRAM = 400;

type KeyKind = 'clean' | 'form' | 'core';
const KEY_CONFIDENCE: Record<KeyKind, number> = { clean: 0.99, form: 0.96, core: 0.92 };

interface Posting {
  org: number;
  former: boolean;
}

export interface OrgIndex {
  orgs: MatchOrg[];
  places: string[][];
  byUscc: Map<string, number>;
  keys: Record<KeyKind, Map<string, Posting[]>>;
  /** Core keys of each organisation (current and former names). */
  cores: string[][];
  grams: Map<string, number[]>;
  cache: Map<string, MatchResult>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the in-memory index once; `matchUnit` then answers in microseconds. */
export function buildOrgIndex(orgs: readonly MatchOrg[]): OrgIndex {
  const index: OrgIndex = {
    orgs: [...orgs],
    places: [],
    byUscc: new Map(),
    keys: { clean: new Map(), form: new Map(), core: new Map() },
    cores: [],
    grams: new Map(),
    cache: new Map(),
  };
  index.orgs.forEach((o, i) => {
    index.byUscc.set(normaliseUscc(o.uscc), i);
    const names = [{ name: o.name, former: false }, ...o.formerNames.map((f) => ({ name: f.name, former: true }))];
    const cores = new Set<string>();
    const places = new Set<string>();
    for (const { name, former } of names) {
      const n = normaliseOrgNameFull(name);
      for (const k of ['clean', 'form', 'core'] as const) {
        const list = index.keys[k].get(n[k]);
        const existing = list?.find((p) => p.org === i);
        if (existing) existing.former &&= former;
        else push(index.keys[k], n[k], { org: i, former });
      }
      cores.add(n.core);
      if (!former) for (const p of n.places) places.add(p);
    }
    index.cores.push([...cores]);
    index.places.push([...places]);
    const grams = new Set<string>();
    for (const c of cores) for (const g of bigrams(c)) grams.add(g);
    for (const g of grams) push(index.grams, g, i);
  });
  return index;
}

function candidate(index: OrgIndex, i: number, score: number): MatchCandidate {
  const o = index.orgs[i]!;
  return { orgId: o.id, name: o.name, score: Math.round(score * 1000) / 1000 };
}

/** Whether what the unit says about itself rules the organisation out. */
function contradicts(index: OrgIndex, i: number, unit: MatchUnitInput, places: string[]): boolean {
  const o = index.orgs[i]!;
  if (placeConflict(places, o.regionCode)) return true;
  if (unit.regionCode && o.regionCode && unit.regionCode.slice(0, 4) !== o.regionCode.slice(0, 4)) return true;
  if (unit.type && o.type && unit.type !== o.type) return true;
  return false;
}

const UNMATCHED: MatchResult = { orgId: null, method: null, confidence: 0, status: 'unmatched', candidates: [] };

/** Links one unit; pure apart from a memo of name-only answers inside the index. */
export function matchUnit(index: OrgIndex, unit: MatchUnitInput): MatchResult {
  const code = unit.uscc ? normaliseUscc(unit.uscc) : '';
  if (code && isValidUscc(code)) {
    const i = index.byUscc.get(code);
    if (i === undefined) return codeConflict(index, unit); // another credit code: never linked by name
    return { orgId: index.orgs[i]!.id, method: 'uscc', confidence: 1, status: 'matched', candidates: [candidate(index, i, 1)] };
  }
  const memo = `${unit.name}\u0000${unit.type ?? ''}\u0000${unit.regionCode ?? ''}`;
  const cached = index.cache.get(memo);
  if (cached) return cached;
  const result = matchByName(index, unit);
  if (index.cache.size > 200_000) index.cache.clear();
  index.cache.set(memo, result);
  return result;
}

/** The name's answer for a unit whose credit code no organisation has: its candidates to review, never a link. */
function codeConflict(index: OrgIndex, unit: MatchUnitInput): MatchResult {
  const byName = matchByName(index, unit);
  if (byName.candidates.length === 0) return UNMATCHED;
  const scale = (x: number) => Math.round(x * CODE_CONFLICT_FACTOR * 1000) / 1000;
  return {
    orgId: null,
    method: null,
    confidence: scale(byName.confidence),
    status: 'review',
    candidates: byName.candidates.map((c) => ({ ...c, score: scale(c.score) })),
    reason: 'code_conflict',
  };
}

function matchByName(index: OrgIndex, unit: MatchUnitInput): MatchResult {
  const n = normaliseOrgNameFull(unit.name);
  if (!n.clean) return UNMATCHED;
  for (const kind of ['clean', 'form', 'core'] as const) {
    const postings = index.keys[kind].get(n[kind]);
    if (!postings) continue;
    let fine = postings.filter((p) => !contradicts(index, p.org, unit, n.places));
    if (fine.length === 0) continue;
    if (fine.length > 1 && unit.regionCode) {
      // Several in the same city: the unit's own district decides when it singles one out.
      const same = fine.filter((p) => index.orgs[p.org]!.regionCode === unit.regionCode);
      if (same.length === 1) fine = same;
    }
    const base = KEY_CONFIDENCE[kind];
    if (fine.length === 1) {
      const p = fine[0]!;
      const confidence = p.former ? base - 0.03 : base;
      return {
        orgId: index.orgs[p.org]!.id,
        method: p.former ? 'former_name' : 'name',
        confidence,
        status: 'matched',
        candidates: [candidate(index, p.org, confidence)],
      };
    }
    // Several organisations answer to the name: rank by the strict key's similarity, let analysts decide.
    const ranked = fine
      .map((p) => ({ p, s: base * (0.9 + 0.1 * bigramSimilarity(n.clean, normaliseOrgNameFull(index.orgs[p.org]!.name).clean)) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, MAX_CANDIDATES);
    return {
      orgId: null,
      method: null,
      confidence: ranked[0]!.s,
      status: 'review',
      candidates: ranked.map((r) => candidate(index, r.p.org, r.s)),
    };
  }
  return fuzzy(index, unit, n.core, n.places);
}

function fuzzy(index: OrgIndex, unit: MatchUnitInput, core: string, places: string[]): MatchResult {
  const counts = new Map<number, number>();
  for (const g of new Set(bigrams(core))) {
    const list = index.grams.get(g);
    if (!list || list.length > COMMON_BIGRAM) continue;
    for (const i of list) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const scored: { i: number; s: number }[] = [];
  for (const [i, c] of counts) {
    if (c < 2 && core.length > 3) continue;
    if (contradicts(index, i, unit, places)) continue;
    let best = 0;
    for (const oc of index.cores[i]!) {
      let s = bigramSimilarity(core, oc);
      // One typo in a long name costs two bigrams; edit distance says it is one character.
      if (s < REVIEW_THRESHOLD && core.length >= 5 && editDistance(core, oc, 1) <= 1) s = REVIEW_THRESHOLD;
      if (s > best) best = s;
    }
    if (best >= REVIEW_THRESHOLD) scored.push({ i, s: best });
  }
  if (scored.length === 0) return UNMATCHED;
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  const top = scored.slice(0, MAX_CANDIDATES);
  const confidence = Math.round(top[0]!.s * 0.85 * 1000) / 1000;
  return {
    orgId: null,
    method: null,
    confidence,
    status: 'review',
    candidates: top.map((t) => candidate(index, t.i, t.s * 0.85)),
  };
}
