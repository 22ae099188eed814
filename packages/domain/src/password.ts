/**
 * Password strength for local accounts. Problems are listed all at once so a form can show them
 * together; an empty list means the password is acceptable.
 */
import type { Text } from './i18n.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;
/** Shorter parts of an email or name are too weak a signal to forbid. */
export const IDENTITY_MIN_LENGTH = 3;

export type PasswordProblemCode = 'too_short' | 'too_long' | 'too_few_classes' | 'contains_identity' | 'common';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: Text;
}

export interface PasswordIdentity {
  email?: string | null;
  name?: string | null;
}

/** The rules in the order they are checked, for the UI to show up front. */
export const PASSWORD_RULES: readonly PasswordProblem[] = [
  {
    code: 'too_short',
    message: { zh: `至少 ${PASSWORD_MIN_LENGTH} 个字符`, en: `At least ${PASSWORD_MIN_LENGTH} characters` },
  },
  {
    code: 'too_long',
    message: { zh: `不超过 ${PASSWORD_MAX_LENGTH} 个字符`, en: `At most ${PASSWORD_MAX_LENGTH} characters` },
  },
  {
    code: 'too_few_classes',
    message: {
      zh: `至少包含小写字母、大写字母、数字、符号中的 ${PASSWORD_MIN_CLASSES} 类`,
      en: `At least ${PASSWORD_MIN_CLASSES} of: lower-case letters, capitals, digits, symbols`,
    },
  },
  {
    code: 'contains_identity',
    message: { zh: '不得包含邮箱用户名或姓名', en: 'Must not contain your email name or your name' },
  },
  {
    code: 'common',
    message: {
      zh: '不得使用常见密码或键盘序列（末尾加数字或符号也不行）',
      en: 'Must not be a common password or keyboard pattern, even with digits or symbols added at the end',
    },
  },
];

const RULE_BY_CODE = new Map(PASSWORD_RULES.map((r) => [r.code, r]));

function problem(code: PasswordProblemCode): PasswordProblem {
  const rule = RULE_BY_CODE.get(code)!;
  return { code, message: { ...rule.message } };
}

/** Character classes present: lower-case, upper-case, digit, and "symbol" = anything else (incl. space, CJK). */
export function characterClasses(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  for (const ch of password) {
    if (/\p{Ll}/u.test(ch)) lower = true;
    else if (/\p{Lu}/u.test(ch)) upper = true;
    else if (/\p{Nd}/u.test(ch)) digit = true;
    else symbol = true;
  }
  return [lower, upper, digit, symbol].filter(Boolean).length;
}

/**
 * Fragments of the user's identity that must not appear: the email local part, the name, and
 * their parts split at separators (zhang.wei → zhang.wei, zhang, wei), each of ≥ 3 characters.
 */
export function identityFragments(identity: PasswordIdentity): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    const v = s.trim().toLowerCase();
    if ([...v].length >= IDENTITY_MIN_LENGTH) out.add(v);
  };
  const email = identity.email?.trim() ?? '';
  if (email) {
    const at = email.lastIndexOf('@');
    const local = at >= 0 ? email.slice(0, at) : email;
    add(local);
    for (const part of local.split(/[._+-]+/)) add(part);
  }
  const name = identity.name?.trim() ?? '';
  if (name) {
    add(name);
    add(name.replace(/[\s·.-]+/gu, ''));
    for (const part of name.split(/[\s·.-]+/u)) add(part);
  }
  return [...out];
}

/** True when the password, or it with trailing digits and symbols removed, is in the common list. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const stripped = lower.replace(/[^\p{L}]+$/u, '');
  return stripped.length > 0 && COMMON_PASSWORDS.has(stripped);
}

export function passwordProblems(password: string, identity: PasswordIdentity = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(problem('too_short'));
  if (length > PASSWORD_MAX_LENGTH) problems.push(problem('too_long'));
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) problems.push(problem('too_few_classes'));
  const lower = password.toLowerCase();
  if (identityFragments(identity).some((f) => lower.includes(f))) problems.push(problem('contains_identity'));
  if (isCommonPassword(password)) problems.push(problem('common'));
  return problems;
}

export function isAcceptablePassword(password: string, identity: PasswordIdentity = {}): boolean {
  return passwordProblems(password, identity).length === 0;
}
