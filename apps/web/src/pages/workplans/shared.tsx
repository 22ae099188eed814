import { useCallback, useState } from 'react';
import { Alert, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { formatWan, type RuleDecision, type RuleResult, type Text, type WorkplanView } from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';

/** An amount of yuan in the reader's unit: "200 万元" / "RMB 2 million". */
export function useMoney() {
  const { lang } = useI18n();
  return useCallback((n: number | null | undefined) => (n === null || n === undefined ? '—' : formatWan(n, lang)), [lang]);
}

/** An instant in Beijing time: "2026-03-01 09:00". */
export function formatInstant(iso: string | null | undefined): string {
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
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export function OutcomeIcon({ outcome }: { outcome: RuleResult['outcome'] }) {
  switch (outcome) {
    case 'pass':
      return <CheckCircleTwoTone twoToneColor="#52c41a" />;
    case 'fail':
      return <CloseCircleTwoTone twoToneColor="#ff4d4f" />;
    case 'needs_review':
      return <ExclamationCircleTwoTone twoToneColor="#faad14" />;
  }
}

const OUTCOME_COLOR: Record<RuleResult['outcome'], string> = { pass: 'success', fail: 'error', needs_review: 'warning' };

export function OutcomeTag({ r }: { r: RuleResult }) {
  const { t } = useI18n();
  return <Tag color={OUTCOME_COLOR[r.outcome]}>{t(`workplans.outcome.${r.outcome}`)}</Tag>;
}

/** An officer's override of an in-principle rule: who, when, why. Shown wherever the rule is shown. */
export function OverrideNote({ decision, testId }: { decision: RuleDecision; testId?: string }) {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" data-testid={testId} style={{ fontSize: 12 }}>
      <Tag color="gold">{t('workplans.override.tag')}</Tag>
      {t('workplans.override.note', { by: decision.by, at: formatInstant(decision.at), reason: decision.reason })}
    </Typography.Text>
  );
}

/** One rule result: outcome, code, message and the officer's decision on it. */
export function RuleLine({ r, testId, children }: { r: RuleResult; testId?: string; children?: React.ReactNode }) {
  const { t, tx } = useI18n();
  return (
    <div data-testid={testId} data-outcome={r.outcome} data-blocking={r.blocking ? 'true' : 'false'} style={{ padding: '6px 0' }}>
      <Space wrap size={6}>
        <OutcomeIcon outcome={r.outcome} />
        <Tag>{r.code}</Tag>
        <OutcomeTag r={r} />
        {r.inPrinciple && <Tag color="purple">{t('workplans.rules.inPrinciple')}</Tag>}
      </Space>
      <div>
        <Typography.Text>{tx(r.message)}</Typography.Text>
      </div>
      {r.decision?.kind === 'override' && <OverrideNote decision={r.decision} testId={testId ? `${testId}-override` : undefined} />}
      {children}
    </div>
  );
}

/** Compact tags for a list of results (candidate rows); the message is in the tooltip, failures also inline. */
export function RuleTags({ results, testPrefix }: { results: RuleResult[]; testPrefix: string }) {
  const { tx } = useI18n();
  const failing = results.filter((r) => r.outcome !== 'pass');
  return (
    <div>
      <Space wrap size={4}>
        {results.map((r) => (
          <Tooltip key={r.code} title={tx(r.message)}>
            <Tag
              color={OUTCOME_COLOR[r.outcome]}
              data-testid={`${testPrefix}-${r.code}`}
              data-outcome={r.outcome}
              icon={<OutcomeIcon outcome={r.outcome} />}
            >
              {r.code}
            </Tag>
          </Tooltip>
        ))}
      </Space>
      {failing.map((r) => (
        <div key={r.code}>
          <Typography.Text type={r.outcome === 'fail' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
            {tx(r.message)}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

interface Issue {
  path?: string;
  message?: string;
}

function isRuleResult(x: unknown): x is RuleResult {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x && typeof (x as RuleResult).message === 'object';
}

/**
 * A refused request: the server's message, and for 422 rule_failed every failing rule code with its
 * message (and the candidate it concerns); for other errors the issues the server listed.
 */
export function ErrorAlert({
  error,
  testId,
  titles,
  onReload,
}: {
  error: unknown;
  testId: string;
  /** Candidate titles by application id, to name the project a failure concerns. */
  titles?: Map<string, string>;
  onReload?: () => void;
}) {
  const { t, tx, lang } = useI18n();
  if (!error) return null;
  let codes: string[] = [];
  let lines: { key: string; code?: string; text: string }[] = [];
  if (error instanceof ApiError && error.code === 'rule_failed' && error.details && typeof error.details === 'object') {
    const d = error.details as { rules?: unknown; results?: unknown; projects?: unknown };
    codes = Array.isArray(d.rules) ? d.rules.filter((c): c is string => typeof c === 'string') : [];
    const results = Array.isArray(d.results) ? d.results.filter(isRuleResult) : [];
    const projects = Array.isArray(d.projects) ? (d.projects as { applicationId?: string; code?: string }[]) : [];
    // The plan's own failures come first, then each in-plan project's, in the order of `projects`.
    const planCount = results.length - projects.length;
    lines = results.map((r, i) => {
      const title = i >= planCount ? titles?.get(projects[i - planCount]?.applicationId ?? '') : undefined;
      return {
        key: `${r.code}-${i}`,
        code: r.code,
        text: (title ? (lang === 'zh' ? `「${title}」` : `“${title}”: `) : '') + tx(r.message),
      };
    });
  } else if (error instanceof ApiError && Array.isArray(error.details)) {
    lines = (error.details as Issue[])
      .filter((x) => typeof x?.message === 'string')
      // The server's message names the field in words; its path is for programs.
      .map((x, i) => ({ key: `${x.path ?? ''}-${i}`, text: String(x.message) }));
  }
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-codes={codes.join(' ')}
      title={
        <Space wrap size={4}>
          <span>{errorMessage(error)}</span>
          {codes.map((c) => (
            <Tag key={c} color="error" data-testid={`${testId}-code-${c}`}>
              {c}
            </Tag>
          ))}
        </Space>
      }
      description={
        lines.length > 0 || (conflict && onReload) ? (
          <>
            {lines.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {lines.map((l) => (
                  <li key={l.key} data-testid={l.code ? `${testId}-rule-${l.code}` : undefined}>
                    {l.text}
                  </li>
                ))}
              </ul>
            )}
            {conflict && onReload && (
              <Button size="small" onClick={onReload} style={{ marginTop: 8 }}>
                {t('workplans.reload')}
              </Button>
            )}
          </>
        ) : undefined
      }
    />
  );
}

/** Runs the page's requests one at a time: keeps the busy action, the last error per action, and applies the answered view. */
export function useActions(apply: (v: WorkplanView) => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, unknown>>({});
  const run = useCallback(
    async (key: string, fn: () => Promise<WorkplanView>): Promise<boolean> => {
      setBusy(key);
      setErrors((e) => ({ ...e, [key]: null }));
      try {
        apply(await fn());
        return true;
      } catch (e) {
        setErrors((prev) => ({ ...prev, [key]: e }));
        return false;
      } finally {
        setBusy(null);
      }
    },
    [apply],
  );
  const clear = useCallback((key: string) => setErrors((e) => ({ ...e, [key]: null })), []);
  return { busy, errors, run, clear };
}

export type Actions = ReturnType<typeof useActions>;

/** A bilingual label record (PROJECT_KIND_LABELS etc.) as antd options. */
export function labelOptions<K extends string>(labels: Record<K, Text>, keys: readonly K[], tx: (t: Text) => string) {
  return keys.map((k) => ({ value: k, label: tx(labels[k]) }));
}
