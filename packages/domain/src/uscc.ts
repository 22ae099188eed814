/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters: registration authority (1), organisation category (1), region code of the
 * registering authority (6, GB/T 2260), subject identifier (9, the GB 11714 organisation code),
 * check character (1). The alphabet has 31 characters: digits and capitals without I, O, S, V, Z.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'length' | 'character' | 'check';

export interface UsccParts {
  authority: string;
  category: string;
  regionCode: string;
  organisationCode: string;
  check: string;
}

/** Check character for the first 17 characters; throws if a character is outside the alphabet. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`character ${first17[i]} at position ${i + 1} is not allowed`);
    sum += v * WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c]!;
}

/** Upper-cases and strips spaces; does not validate. */
export function normaliseUscc(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

/** Validates a code; returns the first problem found, or null when it is valid. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return 'character';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

export function usccParts(code: string): UsccParts {
  return {
    authority: code.slice(0, 1),
    category: code.slice(1, 2),
    regionCode: code.slice(2, 8),
    organisationCode: code.slice(8, 17),
    check: code.slice(17, 18),
  };
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11714 organisation-code check character for its first 8 characters (digits or capitals). */
export function organisationCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8[i]!;
    const v = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * ORG_CODE_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Builds a valid code from its parts (used by the demo generator and tests). */
export function makeUscc(authority: string, category: string, regionCode: string, orgBody8: string): string {
  const orgCode = orgBody8 + organisationCodeCheckChar(orgBody8);
  const first17 = authority + category + regionCode + orgCode;
  return first17 + usccCheckChar(first17);
}
