import { describe, expect, it } from 'vitest';
import { isValidUscc, makeUscc, usccCheckChar, usccProblem, normaliseUscc } from '../src/uscc.js';

describe('GB 32100-2015 unified social credit code', () => {
  it('accepts published real codes', () => {
    // Examples used by public validator test suites (hutool CreditCodeUtilTest).
    expect(isValidUscc('91310110666007217T')).toBe(true);
    // An early pilot-region code that does not follow the standard.
    expect(isValidUscc('91350211M00013FA1N')).toBe(false);
  });
  it('computes the check character', () => {
    expect(usccCheckChar('91310110666007217')).toBe('T');
  });
  it('names the problem', () => {
    expect(usccProblem('9131011066600721')).toBe('length');
    expect(usccProblem('91310110666007217I')).toBe('character');
    expect(usccProblem('91310110666007217K')).toBe('check');
  });
  it('builds valid codes', () => {
    const c = makeUscc('9', '1', '440106', 'MA59C2K3');
    expect(c).toHaveLength(18);
    expect(isValidUscc(c)).toBe(true);
  });
  it('normalises', () => {
    expect(normaliseUscc(' 91310110 666007217t ')).toBe('91310110666007217T');
  });
});
