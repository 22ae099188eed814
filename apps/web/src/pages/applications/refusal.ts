import type { Lang, Text } from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';

/**
 * What a refusal says to the user: for a policy rule (422 rule_failed) the failed rules' own messages
 * ("不符合 3.2.b：…"), otherwise the API's message.
 */
export function refusalText(e: unknown, lang: Lang): string {
  if (e instanceof ApiError && e.code === 'rule_failed') {
    const results = (e.details as { results?: { message?: Text }[] } | null)?.results ?? [];
    const lines = results.map((r) => r.message?.[lang]).filter((m): m is string => !!m);
    if (lines.length) return lines.join(lang === 'zh' ? '；' : '; ');
  }
  return errorMessage(e);
}
