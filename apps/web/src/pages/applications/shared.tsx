import type { HTMLAttributes, ReactNode } from 'react';
import { Tag } from 'antd';
import {
  APPLICATION_STATE_LABELS,
  PARAM_META,
  TRACK_LABELS,
  formatWan,
  type ApplicationState,
  type Lang,
  type PlanParams,
  type Track,
} from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';

/** An instant shown in Beijing time, whatever the browser's zone: "2026-03-01 09:00". */
export function formatInstant(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${get('hour')}:${get('minute')}${withSeconds ? `:${get('second')}` : ''}`;
  return `${get('year')}-${get('month')}-${get('day')} ${time}`;
}

/** Time of day in the browser's clock (for "saved at hh:mm:ss"). */
export function clockTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const STATE_COLORS: Record<ApplicationState, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  formal_passed: 'success',
  rejected: 'error',
  withdrawn: 'default',
  rechecked: 'green',
  verified: 'green',
  selected: 'gold',
  not_selected: 'default',
};

export function StatusTag({ status }: { status: ApplicationState }) {
  const { tx } = useI18n();
  return (
    <Tag color={STATE_COLORS[status]} data-testid="application-status" data-status={status}>
      {tx(APPLICATION_STATE_LABELS[status])}
    </Tag>
  );
}

export function TrackTag({ track }: { track: Track }) {
  const { tx } = useI18n();
  const l = TRACK_LABELS[track];
  return (
    <Tag color="blue">
      {l.rule} {tx(l)}
    </Tag>
  );
}

export function CallStateTag({ state }: { state: 'upcoming' | 'open' | 'closed' }) {
  const { t } = useI18n();
  const color = state === 'open' ? 'green' : state === 'upcoming' ? 'blue' : 'default';
  return (
    <Tag color={color} data-testid="call-state" data-state={state}>
      {t(`applications.callState.${state}`)}
    </Tag>
  );
}

/** A plan parameter's value in the reader's language. */
export function formatParam(key: keyof PlanParams, params: PlanParams, lang: Lang): string {
  const meta = PARAM_META[key];
  const v = params[key];
  switch (meta.unit) {
    case 'yuan':
      return formatWan(v as number, lang);
    case 'yuan_list':
      return (v as number[]).map((n) => formatWan(n, lang)).join(lang === 'zh' ? ' 或 ' : ' or ');
    case 'pct':
      return `${v as number}%`;
    case 'years':
      return lang === 'zh' ? `${v as number} 年` : `${v as number} years`;
    case 'days':
      return lang === 'zh' ? `${v as number} 个工作日` : `${v as number} working days`;
    case 'flag':
      return v ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
    case 'count':
      return String(v);
  }
}

/** The parameters that bear on one track: those of its rule section (3.1 also reads 4.1.a; 3.4 the notice period). */
export function paramsForTrack(track: Track): (keyof PlanParams)[] {
  const section = TRACK_LABELS[track].rule;
  return (Object.keys(PARAM_META) as (keyof PlanParams)[]).filter((k) => {
    const rule = PARAM_META[k].rule;
    if (rule.startsWith(`${section}.`)) return true;
    if (track === 'consortium' && rule === '4.1.a') return true;
    if (track === 'recognition' && rule === '4.3.b') return true;
    return false;
  });
}

export function callTitle(c: { titleZh: string; titleEn: string }, lang: Lang): string {
  return lang === 'en' && c.titleEn ? c.titleEn : c.titleZh;
}

export function itemText(i: { zh: string; en: string }, lang: Lang): string {
  return lang === 'en' && i.en ? i.en : i.zh;
}

/** A plain list of rows separated by hairlines (antd's List is deprecated in v6). */
export function Rows<T>({ items, render, empty }: { items: T[]; render: (item: T, i: number) => ReactNode; empty?: ReactNode }) {
  if (items.length === 0) return <>{empty ?? null}</>;
  return <div className="rd-rows">{items.map((it, i) => render(it, i))}</div>;
}

export function Row({ children, ...rest }: HTMLAttributes<HTMLDivElement> & { [k: `data-${string}`]: string | undefined }) {
  return (
    <div {...rest} style={{ padding: '8px 4px', borderBottom: '1px solid rgba(5, 5, 5, 0.06)', ...rest.style }}>
      {children}
    </div>
  );
}
