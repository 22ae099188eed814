/**
 * Affinity of an expert to an application (issue 5; docs/review.md), an integer 0–100 that the assignment
 * solver maximises: 60 when the expert's fields include the application's field code exactly, 40 when they
 * share only the top-level field (F07 vs F07.01), plus 10 per keyword of the expert found in the
 * application's title, field, direction or objectives (at most 40 from keywords), capped at 100.
 */
import { topField } from '../policy/rules-national.js';

export const AFFINITY_EXACT_FIELD = 60;
export const AFFINITY_SAME_TOP_FIELD = 40;
export const AFFINITY_PER_KEYWORD = 10;
export const AFFINITY_KEYWORDS_MAX = 40;

export interface AffinityExpert {
  fieldCodes: readonly string[];
  keywords: readonly string[];
}

export interface AffinityApplication {
  fieldCode: string | null;
  title: string;
  /** The field's code and names, as text keywords may be found in. */
  field?: string;
  direction?: string | null;
  objectives?: string | null;
}

/** The text keywords are searched in, folded once (use it for many experts). */
export function affinityText(app: AffinityApplication): string {
  return [app.title, app.field ?? '', app.direction ?? '', app.objectives ?? ''].join('\n').normalize('NFKC').toLowerCase();
}

/** The field part of the affinity (60 / 40 / 0). */
export function fieldAffinity(expertFields: readonly string[], fieldCode: string | null): number {
  if (!fieldCode) return 0;
  if (expertFields.includes(fieldCode)) return AFFINITY_EXACT_FIELD;
  const top = topField(fieldCode);
  return expertFields.some((f) => topField(f) === top) ? AFFINITY_SAME_TOP_FIELD : 0;
}

/** Keywords folded for matching (NFKC, trimmed, lower case), without repeats or blanks; fold once per expert. */
export function foldKeywords(keywords: readonly string[]): string[] {
  return [...new Set(keywords.map((k) => k.normalize('NFKC').trim().toLowerCase()).filter(Boolean))];
}

/** 10 per folded keyword found in the folded text, at most 40. */
export function keywordPoints(folded: readonly string[], foldedText: string): number {
  let points = 0;
  for (const word of folded) {
    if (foldedText.includes(word)) points += AFFINITY_PER_KEYWORD;
    if (points >= AFFINITY_KEYWORDS_MAX) return AFFINITY_KEYWORDS_MAX;
  }
  return points;
}

/** The keyword part of the affinity: 10 per distinct keyword found in the (folded) text, at most 40. */
export function keywordAffinity(keywords: readonly string[], foldedText: string): number {
  return keywordPoints(foldKeywords(keywords), foldedText);
}

/** The affinity of an expert to an application, an integer 0–100. `foldedText` may be passed when precomputed. */
export function affinity(expert: AffinityExpert, app: AffinityApplication, foldedText: string = affinityText(app)): number {
  return Math.min(100, fieldAffinity(expert.fieldCodes, app.fieldCode) + keywordAffinity(expert.keywords, foldedText));
}
