import { Space, Tag, Tooltip, Typography } from 'antd';
import { formatWan, type CapBreach, type Lang, type SelectionOut, type SelectionStatus } from '@rdplan/domain';
import { useI18n, type Translate } from '../../i18n/I18nProvider';

export const STATUS_COLOR: Record<SelectionStatus, string> = {
  funded: 'green',
  not_funded: 'orange',
  pinned_out: 'magenta',
  ineligible: 'red',
};

export function SelectionStatusTag({ status }: { status: SelectionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status} style={{ marginInlineEnd: 4 }}>
      {t(`selection.status.${status}`)}
    </Tag>
  );
}

const TOTALS = ['consortium_total', 'backfill_total', 'yearly_total'] as const;

/** A rule code as it is (3.1.b); the plan's totals, which rules.md does not number, in words. */
export function capLabel(code: string, t: Translate): string {
  return (TOTALS as readonly string[]).includes(code) ? t(`selection.cap.${code as (typeof TOTALS)[number]}`) : code;
}

/** Rule codes as tags (3.1.b, 3.1.c, 3.1.h, 3.2.g …); the plan's totals show as words. */
export function CapTags({ codes, testId }: { codes: readonly string[]; testId?: string }) {
  const { t } = useI18n();
  if (codes.length === 0) return null;
  return (
    <Space size={[2, 2]} wrap data-testid={testId} data-codes={codes.join(',')}>
      {codes.map((c) => (
        <Tag key={c} color="volcano" style={{ marginInlineEnd: 0 }} data-code={c}>
          {capLabel(c, t)}
        </Tag>
      ))}
    </Space>
  );
}

/** Yuan as 万元 / RMB million, tolerant of non-integers. */
export function money(yuan: number | null | undefined, lang: Lang): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '—';
  return formatWan(Math.round(yuan), lang);
}

/** Labels of the groups `chain:<id>` and `field:<code>`. */
export function groupLabeler(data: SelectionOut, fieldName: (code: string) => string) {
  const chains = new Map<string, string>();
  for (const c of data.candidates) if (c.chainId) chains.set(c.chainId, c.chainName ?? c.chainId);
  for (const r of data.comparisons) chains.set(r.chainId, r.chainName);
  return (group: string | null): string => {
    if (!group) return '';
    const [kind, ...rest] = group.split(':');
    const id = rest.join(':');
    if (kind === 'chain') return chains.get(id) ?? id;
    if (kind === 'field') return fieldName(id);
    return group;
  };
}

/** One cap breach: code, group, what it reaches against the limit, and the domain's explanation. */
export function BreachLine({ b, label }: { b: CapBreach; label: (group: string | null) => string }) {
  const { t, tx, lang } = useI18n();
  const isMoney = b.what === 'funds' || b.what === 'leader_funds' || b.what === 'amount';
  const fmt = (n: number) => (isMoney ? money(n, lang) : String(n));
  return (
    <div data-testid="cap-breach" data-code={b.code} data-group={b.group ?? ''} style={{ marginBottom: 6 }}>
      <Space size={4} wrap>
        <Tag color="volcano" data-code={b.code}>
          {capLabel(b.code, t)}
        </Tag>
        {b.group && <Typography.Text strong>{label(b.group)}</Typography.Text>}
        <Tooltip title={tx(b.message)}>
          <Typography.Text>
            {t('selection.breach', { what: t(`selection.what.${b.what}`), value: fmt(b.value), limit: fmt(b.limit) })}
          </Typography.Text>
        </Tooltip>
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tx(b.message)}
        </Typography.Text>
      </div>
    </div>
  );
}
