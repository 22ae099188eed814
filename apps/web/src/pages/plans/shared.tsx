import { Alert, List, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { wanToYuan, yuanToWan, type CallState, type CallStatus, type PlanStatus, type RuleResult } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { problemsOf, ruleFailureOf } from './api';

/* ---------- time: always Beijing time, whatever the browser's zone ---------- */

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(iso: string) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const parts = SHANGHAI.formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}:${get('second')}` };
}

/** "2026-03-01 09:00" in Beijing time. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = shanghaiParts(iso);
  return p ? `${p.date} ${p.time.slice(0, 5)}` : iso;
}

/**
 * An instant as the picker's value: a dayjs whose wall-clock reading is the Beijing time (the picker
 * works in the browser's zone, so the value is built from the Beijing digits, not from the instant).
 */
export function instantToPicker(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  const p = shanghaiParts(iso);
  return p ? dayjs(`${p.date}T${p.time}`) : null;
}

/** The picker's wall-clock reading as a Beijing instant: 2026-03-01T09:00:00+08:00. */
export function pickerToInstant(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

/* ---------- money in 万元 ---------- */

/** A 万元 text as yuan, or null when it is not an exact amount. */
export function parseWan(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  try {
    return wanToYuan(text);
  } catch {
    return null;
  }
}

export const wanText = (yuan: number) => yuanToWan(yuan);

/** "100, 200" (万元) as distinct yuan amounts, or null. */
export function parseWanList(text: string | null | undefined): number[] | null {
  if (!text || !text.trim()) return null;
  const parts = text
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const out: number[] = [];
  for (const p of parts) {
    const y = parseWan(p);
    if (y === null || y <= 0) return null;
    out.push(y);
  }
  return out;
}

/* ---------- tags ---------- */

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'published' ? 'green' : 'default'} data-testid="plan-status" data-status={status}>
      {t(`plans.status.${status}`)}
    </Tag>
  );
}

export function CallStatusTag({ status }: { status: CallStatus }) {
  const { t } = useI18n();
  const color = status === 'published' ? 'green' : status === 'cancelled' ? 'red' : 'default';
  return (
    <Tag color={color} data-testid="call-status" data-status={status}>
      {t(`plans.calls.status.${status}`)}
    </Tag>
  );
}

export function CallStateTag({ state }: { state: CallState }) {
  const { t } = useI18n();
  const color = state === 'open' ? 'processing' : state === 'upcoming' ? 'blue' : 'default';
  return (
    <Tag color={color} data-testid="call-state" data-state={state}>
      {t(`plans.calls.state.${state}`)}
    </Tag>
  );
}

export function RuleCodeTag({ code }: { code: string }) {
  return (
    <Tag color="geekblue" style={{ fontFamily: 'monospace' }}>
      {code}
    </Tag>
  );
}

/* ---------- rule results and errors ---------- */

const OUTCOME_COLOR: Record<RuleResult['outcome'], string> = { pass: 'success', fail: 'error', needs_review: 'warning' };

/** Rule results as the server gave them: outcome, code and the bilingual message ("不符合 3.1.a：…"). */
export function RuleResults({ results, testId }: { results: RuleResult[]; testId: string }) {
  const { t, tx } = useI18n();
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={results}
      locale={{ emptyText: t('common.empty') }}
      renderItem={(r) => (
        <List.Item data-testid={`${testId}-${r.code}`} data-outcome={r.outcome}>
          <Space wrap>
            <Tag color={OUTCOME_COLOR[r.outcome]}>{t(`plans.outcome.${r.outcome}`)}</Tag>
            <RuleCodeTag code={r.code} />
            <Typography.Text>{tx(r.message)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/**
 * A failed request: a 422 rule failure lists each failing rule with its code and message
 * ("不符合 3.1.a：…"); a validation or state error lists the server's problems.
 */
export function ErrorAlert({ error, testId }: { error: unknown; testId: string }) {
  const { t, tx } = useI18n();
  if (!error) return null;
  const failure = ruleFailureOf(error);
  if (failure) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid={testId}
        data-rules={failure.rules.join(' ')}
        title={`${t('plans.ruleFailed')}（${failure.rules.join('、')}）`}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {failure.results.map((r) => (
              <li key={r.code} data-testid={`${testId}-rule-${r.code}`}>
                {tx(r.message)}
              </li>
            ))}
          </ul>
        }
        style={{ marginBottom: 16 }}
      />
    );
  }
  const problems = problemsOf(error);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      title={errorMessage(error)}
      description={
        problems.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {problems.map((p, i) => (
              <li key={i}>
                {p.path ? <Typography.Text code>{p.path}</Typography.Text> : null} {p.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
