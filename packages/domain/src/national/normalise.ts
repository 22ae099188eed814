/**
 * Normalising organisation names as national records write them (4.2), so that a unit can be linked
 * to a registry organisation by name when no credit code is given.
 *
 * Three keys, from strict to loose; the matcher tries them in this order:
 *
 * 1. `clean`: NFKC (full width → half width, ideographic space → space), every bracket kind
 *    （）【】〔〕［］[]{}〈〉《》 unified to ( ), Latin letters lower-cased, whitespace and punctuation noise
 *    (· • . , 、 ; : ' " - _ / and the like) dropped. Nothing meaningful is removed.
 * 2. `form`: `clean` without the legal-form suffix at the end: 股份有限公司, 有限责任公司, 有限公司, 股份公司,
 *    公司 (longest first). 集团 is KEPT: "X集团有限公司" and "X有限公司" are usually a parent and its
 *    subsidiary, two different organisations, so dropping it would merge them.
 * 3. `core`: `form` without place markers: leading province / municipality / prefecture names with or
 *    without 省 / 市 (广东省, 广东, 广州市, 广州, 北京市 …, repeatedly: 广东省广州市X → X) and parenthesised
 *    place markers anywhere (X(广州)Y → XY); the remaining parentheses are dropped. A prefix is only
 *    stripped when at least three characters remain (广州大学 stays 广州大学, not a bare 大学).
 *    The places removed are returned, so that a name that says 北京 is never linked to a Guangzhou
 *    organisation (see `placeConflict`).
 *
 * 附属 / 第一 … variants are NOT normalised: 附属第一医院 and 第一人民医院 are different hospitals.
 */

import { REGIONS } from '../region.js';

export interface NormalisedName {
  clean: string;
  form: string;
  core: string;
  /** Region-code prefixes of the places named in the name (2 digits for a province, 4 for a city). */
  places: string[];
}

const BRACKETS: Record<string, string> = {
  '（': '(',
  '）': ')',
  '【': '(',
  '】': ')',
  '〔': '(',
  '〕': ')',
  '［': '(',
  '］': ')',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '〈': '(',
  '〉': ')',
  '《': '(',
  '》': ')',
  '<': '(',
  '>': ')',
  '｛': '(',
  '｝': ')',
};

// Whitespace and punctuation that carries no meaning in an organisation name.
const NOISE = /[\s\u3000·•・.,，、;；:：'"‘’“”`´\-_—–~～/\\|!！?？*#@&+=^%$]/g;
const BRACKET_RE = /[（）【】〔〕［］[\]{}〈〉《》<>｛｝]/g;

const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '股份公司', '公司'];

/** Place name (as written, with or without 省/市) → region-code prefix. Longest names first. */
const PLACES: readonly (readonly [string, string])[] = (() => {
  const map = new Map<string, string>();
  for (const r of REGIONS) {
    if (r.level === 'county') continue;
    const prefix = r.level === 'province' ? r.code.slice(0, 2) : r.code.slice(0, 4);
    map.set(r.nameZh, prefix);
    const short = r.nameZh.replace(/(特别行政区|省|市)$/, '');
    if (short.length >= 2) map.set(short, prefix);
  }
  return [...map.entries()].sort((a, b) => b[0].length - a[0].length);
})();

/** NFKC, unified brackets, no whitespace or punctuation noise, lower-case Latin. */
export function cleanOrgName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(BRACKET_RE, (c) => BRACKETS[c] ?? c)
    .replace(NOISE, '')
    .toLowerCase();
}

function stripLegalForm(clean: string): string {
  for (const f of LEGAL_FORMS) {
    if (clean.endsWith(f) && clean.length > f.length + 1) return clean.slice(0, -f.length);
  }
  return clean;
}

function leadingPlace(s: string): readonly [string, string] | null {
  for (const p of PLACES) if (s.startsWith(p[0])) return p;
  return null;
}

/** The place (region prefix) a parenthesised marker names, or null. */
function placeOf(text: string): string | null {
  for (const [name, prefix] of PLACES) if (text === name) return prefix;
  return null;
}

/** All three keys of a name and the places it names. */
export function normaliseOrgNameFull(name: string): NormalisedName {
  const clean = cleanOrgName(name);
  const form = stripLegalForm(clean);
  const places: string[] = [];
  // Parenthesised place markers anywhere: X(广州)Y → XY.
  let core = form.replace(/\(([^()]*)\)/g, (whole, inner: string) => {
    const p = placeOf(inner);
    if (p === null) return whole;
    places.push(p);
    return '';
  });
  for (;;) {
    const p = leadingPlace(core);
    if (!p || core.length - p[0].length < 3) break;
    places.push(p[1]);
    core = core.slice(p[0].length);
  }
  core = core.replace(/[()]/g, '');
  return { clean, form, core, places: [...new Set(places)] };
}

/** The loosest key (`core`): what the registry and the records are compared on when names differ. */
export function normaliseOrgName(name: string): string {
  return normaliseOrgNameFull(name).core;
}

/**
 * True when a name names a place where the organisation is not registered: a place prefix of
 * another province or city than `regionCode` (广东 is compatible with every 44xxxx, 广州 with 4401xx).
 */
export function placeConflict(places: readonly string[], regionCode: string | null | undefined): boolean {
  if (!regionCode) return false;
  return places.some((p) => !regionCode.startsWith(p));
}

/** Character bigrams of a key (a single character is its own gram). */
export function bigrams(s: string): string[] {
  if (s.length < 2) return s ? [s] : [];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Jaccard similarity of the bigram sets of two keys, 0–1. */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const A = new Set(bigrams(a));
  const B = new Set(bigrams(b));
  if (A.size === 0 || B.size === 0) return 0;
  let inter = 0;
  for (const g of A) if (B.has(g)) inter++;
  return inter / (A.size + B.size - inter);
}

/** Levenshtein distance, stopping early once it exceeds `max` (returns max + 1 then). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * A conservative key for one person across national records: the same written name (normalised),
 * in the same organisation (registry id, or the unit's normalised name when it is not linked) and the
 * same top-level field (F01 … of F01.02). Two records agreeing on all three are taken as one person;
 * anything weaker is not linked. Null when there is no name.
 */
export function personKey(name: string, orgIdOrUnitNorm: string | null, fieldCode: string | null | undefined): string | null {
  const n = cleanOrgName(name);
  if (!n) return null;
  const fieldTop = fieldCode ? fieldCode.split('.')[0]! : '';
  return `${n}|${orgIdOrUnitNorm ?? ''}|${fieldTop}`;
}
