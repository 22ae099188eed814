import { Alert, Card, Space, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { PARAM_META, type FormProblem, type PlanParams, type RuleResult } from '@rdplan/domain';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Row, Rows, formatInstant, formatParam } from './shared';

function OutcomeIcon({ outcome }: { outcome: RuleResult['outcome'] }) {
  switch (outcome) {
    case 'pass':
      return <CheckCircleTwoTone twoToneColor="#52c41a" />;
    case 'fail':
      return <CloseCircleTwoTone twoToneColor="#ff4d4f" />;
    case 'needs_review':
      return <ExclamationCircleTwoTone twoToneColor="#faad14" />;
  }
}

/** The officer's decision on a rule, shown wherever the rule is shown. */
export function DecisionNote({ r }: { r: RuleResult }) {
  const { t } = useI18n();
  if (!r.decision) return null;
  return (
    <Typography.Text type="secondary" data-testid={`rule-decision-note-${r.code}`}>
      {t(`applications.rules.decided.${r.decision.kind}`, { by: r.decision.by, at: formatInstant(r.decision.at) })}
      {t('applications.rules.reasonSep')}
      {r.decision.reason}
    </Typography.Text>
  );
}

type Side = Record<string, unknown>;
const FACT_LABELS = ['fieldCode', 'programme', 'direction'] as const;
type FactLabel = (typeof FACT_LABELS)[number];
const isSide = (v: unknown): v is Side => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A rule that compares the proposal with an original record (3.2.e): both side by side for the officer. */
function Comparison({ r }: { r: RuleResult }) {
  const { t } = useI18n();
  const { original, proposed } = r.facts;
  if (!isSide(original) || !isSide(proposed)) return null;
  const keys = [...new Set([...Object.keys(original), ...Object.keys(proposed)])];
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
  return (
    <table className="rd-compare" data-testid={`rule-compare-${r.code}`}>
      <thead>
        <tr>
          <th />
          <th>{t('applications.rules.original')}</th>
          <th>{t('applications.rules.proposed')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k} className={show(original[k]) !== show(proposed[k]) ? 'rd-compare-diff' : undefined}>
            <th>{FACT_LABELS.includes(k as FactLabel) ? t(`applications.rules.fact.${k as FactLabel}`) : k}</th>
            <td>{show(original[k])}</td>
            <td>{show(proposed[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Every rule of the track with its outcome, message and the parameters it read; `extra` renders per-rule
 * controls (the officer's decision form). `live` marks the browser's own evaluation.
 */
export function RulesPanel({
  results,
  live,
  problems,
  extra,
}: {
  results: RuleResult[];
  live: boolean;
  problems?: FormProblem[];
  extra?: (r: RuleResult) => ReactNode;
}) {
  const { t, tx, lang } = useI18n();
  const failing = results.filter((r) => r.blocking).length;
  const review = results.filter((r) => r.outcome === 'needs_review').length;
  return (
    <Card
      title={live ? t('applications.rules.liveTitle') : t('applications.rules.title')}
      size="small"
      data-testid="rules-panel"
      data-live={live ? 'true' : 'false'}
      extra={
        <Space size={4}>
          {failing > 0 ? (
            <Tag color="error">{t('applications.rules.failing', { n: failing })}</Tag>
          ) : (
            <Tag color="success">{t('applications.rules.noneFailing')}</Tag>
          )}
          {review > 0 && <Tag color="warning">{t('applications.rules.reviewing', { n: review })}</Tag>}
        </Space>
      }
    >
      {live && <Typography.Paragraph type="secondary">{t('applications.rules.liveHelp')}</Typography.Paragraph>}
      <Rows
        items={results}
        render={(r) => (
          <Row key={r.code} data-testid={`rule-${r.code}`} data-outcome={r.outcome} data-blocking={r.blocking ? 'true' : 'false'}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <OutcomeIcon outcome={r.outcome} />
                <Tag>{r.code}</Tag>
                <Tag color={r.outcome === 'pass' ? 'success' : r.outcome === 'fail' ? 'error' : 'warning'}>
                  {t(`applications.rules.outcome.${r.outcome}`)}
                </Tag>
                {r.inPrinciple && <Tag color="purple">{t('applications.rules.inPrinciple')}</Tag>}
                {r.decision?.kind === 'override' && <Tag color="gold">{t('applications.rules.overridden')}</Tag>}
              </Space>
              <Typography.Text>{tx(r.message)}</Typography.Text>
              <DecisionNote r={r} />
              <Comparison r={r} />
              {Object.keys(r.params).length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('applications.rules.params')}
                  {(Object.keys(r.params) as (keyof PlanParams)[])
                    .map((k) => `${tx(PARAM_META[k].label)} ${formatParam(k, r.params as PlanParams, lang)}`)
                    .join(lang === 'zh' ? '；' : '; ')}
                </Typography.Text>
              )}
              {extra?.(r)}
            </Space>
          </Row>
        )}
      />
      {problems && (
        <div data-testid="form-problems" data-count={problems.length} style={{ marginTop: 12 }}>
          {problems.length === 0 ? (
            <Alert type="success" showIcon title={t('applications.problems.none')} />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={t('applications.problems.title', { n: problems.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {problems.map((p, i) => (
                    <li key={`${p.path}-${i}`} data-testid={`problem-${p.path}`}>
                      {tx(p.message)}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}
