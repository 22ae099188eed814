/**
 * Approval and recognition (立项 / 认定): once its notice has ended with no open objection (4.3.b), an
 * application becomes a project in a batch decision with a reference number (文号). 3.1, 3.2 and 3.3 are
 * approved with their amounts (3.1.d, 3.2.h, the verified 3.3.e amount); 3.4 is recognised as a completed
 * city key-area project (3.4.a) with no city funds (3.4.b). Pure rules; the server decides with them.
 */
import type { Text } from './i18n.js';
import type { RuleCode, Track } from './policy/codes.js';
import type { PlanParams } from './policy/params.js';

export const TRACK_NUMBERS: Record<Track, '3.1' | '3.2' | '3.3' | '3.4'> = {
  consortium: '3.1',
  backfill: '3.2',
  continuation: '3.3',
  recognition: '3.4',
};

/** The state an application of each track must be in to be approved or recognised. */
export const APPROVABLE_STATE: Record<Track, 'selected' | 'verified' | 'rechecked'> = {
  consortium: 'selected',
  backfill: 'selected',
  continuation: 'verified',
  recognition: 'rechecked',
};

/** A project's stable code: GZ-<plan year>-<track number>-<sequence of four digits>, e.g. GZ-2026-3.2-0007. */
export function projectCode(year: number, track: Track, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 9999) throw new RangeError(`project sequence out of range: ${seq}`);
  return `GZ-${year}-${TRACK_NUMBERS[track]}-${String(seq).padStart(4, '0')}`;
}

const PROJECT_CODE = /^GZ-(\d{4})-(3\.[1-4])-(\d{4})$/;
export function isProjectCode(value: string): boolean {
  return PROJECT_CODE.test(value);
}

export type ApprovalKind = 'approved' | 'recognised';

export type ApprovalOutcome =
  | { ok: true; kind: ApprovalKind; cityFunds: number; rules: (RuleCode | '4.3.b')[] }
  | { ok: false; reason: 'state' | 'amount'; rule: RuleCode | null; message: Text };

/**
 * What an approval gives one application: its kind, its city funds and the rules it cites. Refuses an
 * application not in its track's approvable state, or whose amount is not the one its rule sets.
 */
export function approvalOutcome(
  app: { track: Track; status: string; cityFunds: number | null; amount: number | null },
  params: Pick<PlanParams, 'chainProjectAmounts' | 'backfillAmount'>,
): ApprovalOutcome {
  const needed = APPROVABLE_STATE[app.track];
  if (app.status !== needed)
    return {
      ok: false,
      reason: 'state',
      rule: null,
      message: {
        zh: `申报状态须为“${needed === 'selected' ? '拟立项' : needed === 'verified' ? '已核实落地实施情况' : '已复核'}”`,
        en: `the application must be ${needed}`,
      },
    };
  switch (app.track) {
    case 'consortium': {
      const amount = app.cityFunds ?? 0;
      if (!params.chainProjectAmounts.includes(amount))
        return {
          ok: false,
          reason: 'amount',
          rule: '3.1.d',
          message: { zh: '联合体项目的支持金额须为规定的定额之一', en: 'a chain project receives one of the fixed amounts' },
        };
      return { ok: true, kind: 'approved', cityFunds: amount, rules: ['4.3.b', '3.1.d'] };
    }
    case 'backfill': {
      const amount = app.cityFunds ?? 0;
      if (amount !== params.backfillAmount)
        return {
          ok: false,
          reason: 'amount',
          rule: '3.2.h',
          message: { zh: '递补项目按定额支持', en: 'a backfill project receives the fixed amount' },
        };
      return { ok: true, kind: 'approved', cityFunds: amount, rules: ['4.3.b', '3.2.h'] };
    }
    case 'continuation': {
      if (app.amount === null)
        return {
          ok: false,
          reason: 'amount',
          rule: '3.3.e',
          message: { zh: '尚未核实接续支持金额', en: 'the continuation amount has not been verified' },
        };
      return { ok: true, kind: 'approved', cityFunds: app.amount, rules: ['4.3.b', '3.3.e'] };
    }
    case 'recognition':
      return { ok: true, kind: 'recognised', cityFunds: 0, rules: ['4.3.b', '3.4.a', '3.4.b'] };
  }
}
