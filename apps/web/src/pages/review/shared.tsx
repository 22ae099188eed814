import type { ReactNode } from 'react';
import { Alert, Tag } from 'antd';
import { formatWan, type Lang, type ReviewStatus } from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { REVIEW_MESSAGES } from './messages';

export { formatInstant } from '../applications/shared';

const STATUS_COLOR: Record<ReviewStatus, string> = { setup: 'processing', scoring: 'gold', closed: 'success' };

export function ReviewStatusTag({ status, testId = 'review-status' }: { status: ReviewStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {t(`review.status.${status}`)}
    </Tag>
  );
}

/** Officers act; administrators read. */
export function useCanEdit(): boolean {
  const { hasRole } = useAuth();
  return hasRole('officer');
}

/** A score on 0–100 (or the scale) with one decimal, or a dash. */
export function fmt(n: number | null | undefined, digits = 1): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—';
}

/** Yuan as 万元 / RMB million, or a dash. */
export function money(n: number | null | undefined, lang: Lang): string {
  return typeof n === 'number' && Number.isInteger(n) ? formatWan(n, lang) : '—';
}

export function pct(n: number): string {
  return `${(n * 100).toFixed(1)}%`;
}

/** A message key built from parts, for keys the messages table holds (checked at compile time by the callers' unions). */
export function key(k: string): MessageKey {
  return k as MessageKey;
}

/** validation_failed details as antd form field errors: [{ name: ['scale', 'max'], errors: [...] }]. */
export function fieldErrorsOf(e: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return (e.details as unknown[]).flatMap((d) => {
    if (!d || typeof d !== 'object') return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    const parts = Array.isArray(path) ? path.map(String) : typeof path === 'string' ? path.split(/[./]/).filter((x) => x !== '') : [];
    if (parts[0] === 'body') parts.shift();
    if (parts.length === 0) return [];
    return [
      { name: parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [typeof message === 'string' ? message : String(message)] },
    ];
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HIDDEN_KEYS = new Set(['status', 'limit', 'message', 'path', 'kind', 'zh', 'en']);
const hiddenKey = (k: string) => HIDDEN_KEYS.has(k) || k === 'id' || k.endsWith('Id');

/** "english / 中文" messages of the server: the half in the current language. */
export function pickLang(s: string, lang: 'zh' | 'en'): string {
  const i = s.indexOf(' / ');
  if (i < 0) return s;
  return lang === 'zh' ? s.slice(i + 3) : s.slice(0, i);
}

/**
 * Turns an error's details into readable lines: bilingual texts, {path,message}, the message of a refusal
 * and the records it names (applications short of experts, pending assignments, conflict reasons …).
 */
export function detailLines(
  details: unknown,
  lang: 'zh' | 'en',
  label: (key: string) => string = (k) => k,
  kindLabel: (kind: string) => string | null = () => null,
): string[] {
  const out: string[] = [];
  const C = lang === 'zh' ? '：' : ': ';
  const SEP = lang === 'zh' ? '，' : ', ';
  const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  const show = (v: unknown) => (typeof v === 'string' ? pickLang(v, lang) : String(v));
  const compact = (o: Record<string, unknown>): string => {
    const head = [o.title, o.expertName, o.name].find((x) => typeof x === 'string' && x) as string | undefined;
    const rest = Object.entries(o)
      .filter(
        ([k, v]) => !hiddenKey(k) && !['title', 'expertName', 'name'].includes(k) && scalar(v) && !(typeof v === 'string' && UUID.test(v)),
      )
      .map(([k, v]) => `${label(k)} ${show(v)}`);
    const extra = typeof o.expertName === 'string' && head !== o.expertName ? [`${label('expertName')} ${o.expertName}`] : [];
    const parts = [...extra, ...rest];
    return (head ?? '') + (parts.length ? `${head ? C : ''}${parts.join(SEP)}` : '');
  };
  const walk = (d: unknown, depth: number) => {
    if (d === null || d === undefined || depth > 4) return;
    if (scalar(d)) {
      if (!(typeof d === 'string' && UUID.test(d))) out.push(show(d));
      return;
    }
    if (Array.isArray(d)) {
      for (const x of d) walk(x, depth + 1);
      return;
    }
    if (typeof d !== 'object') return;
    const o = d as Record<string, unknown>;
    if (typeof o.zh === 'string' && typeof o.en === 'string') {
      const kind = typeof o.kind === 'string' ? kindLabel(o.kind) : null;
      out.push((kind ? `${kind}${C}` : '') + (lang === 'zh' ? o.zh : o.en));
      return;
    }
    if (typeof o.message === 'string') {
      // The server's message names the field in words; its path is for programs.
      out.push(pickLang(o.message, lang));
      if (o.path !== undefined) return;
    }
    const entries = Object.entries(o).filter(([k]) => !hiddenKey(k));
    if (depth > 0 && typeof o.message !== 'string' && entries.every(([, v]) => scalar(v))) {
      const line = compact(o);
      if (line) out.push(line);
      return;
    }
    for (const [k, v] of entries) {
      if (v === null || v === undefined) continue;
      if (Array.isArray(v) && v.every(scalar)) out.push(`${label(k)}${C}${v.map(show).join(SEP)}`);
      else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
      else if (typeof v === 'object') walk(v, depth + 1);
      else if (typeof o.message !== 'string' && !(typeof v === 'string' && UUID.test(v))) out.push(`${label(k)}${C}${show(v)}`);
    }
  };
  walk(details, 0);
  return out;
}

/** The server's refusal: its message and each reason in its details. */
export function RefusalAlert({ error, testId, onClose }: { error: unknown; testId: string; onClose?: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const conflictLabel = (kind: string) => (CONFLICT_KIND_SET.has(kind) ? t(key(`review.conflict.${kind}`)) : null);
  const fieldLabel = (k: string) => (`review.detail.${k}` in REVIEW_MESSAGES ? t(key(`review.detail.${k}`)) : k);
  const lines = error instanceof ApiError ? detailLines(error.details, lang, fieldLabel, conflictLabel) : [];
  const code = error instanceof ApiError ? error.code : null;
  const description: ReactNode =
    lines.length > 0 ? (
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {lines.slice(0, MAX_LINES).map((l, i) => (
          <li key={i}>{l}</li>
        ))}
        {lines.length > MAX_LINES && <li>{t('review.moreLines', { n: lines.length - MAX_LINES })}</li>}
      </ul>
    ) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      closable={!!onClose}
      onClose={onClose}
      style={{ marginBottom: 12 }}
      title={
        <span data-testid={`${testId}-code`} data-code={code ?? ''}>
          {errorMessage(error)}
        </span>
      }
      description={description}
      data-testid={testId}
      data-code={code ?? undefined}
    />
  );
}

const MAX_LINES = 12;

const CONFLICT_KIND_SET = new Set([
  'same_unit',
  'same_group',
  'consortium_member',
  'participating_unit',
  'national_coparticipation',
  'declared',
  'applicant_named',
]);

export const CONFLICT_COLOR: Record<string, string> = {
  same_unit: 'red',
  same_group: 'volcano',
  consortium_member: 'orange',
  participating_unit: 'gold',
  national_coparticipation: 'purple',
  declared: 'blue',
  applicant_named: 'cyan',
};
