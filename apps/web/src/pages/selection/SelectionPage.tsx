import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { SELECTION_OBJECTIVES, type SelectionObjective, type SelectionOut, type SelectionResult } from '@rdplan/domain';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { formatInstant } from '../applications/shared';
import { selectionApi } from './api';
import { ConfirmButton, PinModal, type PinRequest } from './Actions';
import { CandidateGroups } from './Candidates';
import { FieldBudgetModal, type FieldBudgetRequest } from './FieldBudgetModal';
import { RankAndCutCard } from './RankAndCut';
import { BreachLine, groupLabeler, money } from './shared';

/** /app/selection: pick a plan, compare the three objectives, pin, and confirm (officer; admin reads). */
export function SelectionPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const plans = useApi(() => selectionApi.plans(), []);
  const sorted = useMemo(() => [...(plans.data ?? [])].sort((a, b) => b.year - a.year), [plans.data]);
  const planId = params.get('plan') ?? sorted[0]?.id ?? '';
  return (
    <div data-testid="selection-page">
      <PageHeader
        title={t('selection.title')}
        extra={
          <Space>
            <Typography.Text>{t('selection.plan')}</Typography.Text>
            <Select
              style={{ minWidth: 280 }}
              value={planId || undefined}
              placeholder={t('selection.planPlaceholder')}
              aria-label={t('selection.planPlaceholder')}
              loading={plans.loading}
              options={sorted.map((p) => ({ value: p.id, label: `${p.year} · ${p.title}` }))}
              onChange={(v: string) => setParams({ plan: v })}
              notFoundContent={t('selection.noPlans')}
              data-testid="selection-plan"
            />
          </Space>
        }
      />
      {plans.error ? (
        <LoadError error={plans.error} onRetry={plans.reload} />
      ) : plans.loading && !plans.data ? (
        <PageSpin />
      ) : !planId ? (
        <Empty description={t('selection.choosePlan')} />
      ) : (
        <PlanSelection key={planId} planId={planId} />
      )}
    </div>
  );
}

function PlanSelection({ planId }: { planId: string }) {
  const { data, error, loading, reload } = useApi(() => selectionApi.selection(planId), [planId]);
  if (loading && !data) return <PageSpin />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  return <SelectionView data={data} planId={planId} reload={reload} loading={loading} />;
}

function SelectionView({ data, planId, reload, loading }: { data: SelectionOut; planId: string; reload: () => void; loading: boolean }) {
  const { t, lang, nameOf } = useI18n();
  const { hasRole } = useAuth();
  const officer = hasRole('officer');
  const [focus, setFocus] = useState<SelectionObjective>(data.objective);
  const [pin, setPin] = useState<PinRequest | null>(null);
  const [allot, setAllot] = useState<FieldBudgetRequest | null>(null);
  const fields = useApi(() => endpoints.fields(), []);
  const fieldName = (code: string) => {
    for (const f of fields.data ?? []) {
      if (f.code === code) return `${code} ${nameOf(f)}`;
      const d = f.directions.find((x) => x.code === code);
      if (d) return `${code} ${nameOf(d)}`;
    }
    return code;
  };
  const label = groupLabeler(data, fieldName);
  const ordered: SelectionObjective[] = [data.objective, ...SELECTION_OBJECTIVES.filter((o) => o !== data.objective)];
  return (
    <div data-testid="selection-view" data-plan-id={planId} data-objective={data.objective}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="blue">{data.planYear}</Tag>
        <Typography.Text type="secondary">
          {t('selection.computedIn', {
            time: data.ms < 1000 ? t('common.underASecond') : t('common.seconds', { n: Math.round(data.ms / 100) / 10 }),
          })}
        </Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          {t('common.refresh')}
        </Button>
        {officer && !data.confirmed && (
          <ConfirmButton data={data} planId={planId} initial={focus} onDone={reload} disabled={data.candidates.length === 0} />
        )}
      </Space>
      {data.openReviews.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="open-reviews"
          title={t('selection.openReviews')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {data.openReviews.map((r) => (
                <li key={r.reviewId}>
                  {r.callTitleZh} <Tag>{t(`reviewing.reviewStatus.${r.status}`)}</Tag>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {data.confirmed && <ConfirmedCard data={data} />}
      {data.candidates.length === 0 ? (
        <Empty description={t('selection.noCandidates')} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {ordered.map((o) => (
              <Col key={o} xs={24} lg={8}>
                <PlanColumn
                  result={data.plans[o]}
                  objective={o}
                  isDefault={o === data.objective}
                  confirmed={data.confirmed?.objective === o}
                  focused={o === focus}
                  onFocus={() => setFocus(o)}
                  label={label}
                />
              </Col>
            ))}
          </Row>
          <Space style={{ marginBottom: 12 }} wrap>
            <Typography.Text strong>{t('selection.viewBy')}</Typography.Text>
            <Segmented<SelectionObjective>
              value={focus}
              onChange={setFocus}
              options={ordered.map((o) => ({ value: o, label: t(`selection.objective.${o}`) }))}
              data-testid="selection-focus"
            />
          </Space>
          <Row gutter={[16, 16]}>
            <Col xs={24} xxl={17}>
              <CandidateGroups
                data={data}
                focus={focus}
                label={label}
                canPin={officer && !data.confirmed}
                onPin={setPin}
                onAllot={setAllot}
                lang={lang}
              />
            </Col>
            <Col xs={24} xxl={7}>
              <RankAndCutCard data={data} focus={focus} label={label} />
            </Col>
          </Row>
        </>
      )}
      <FieldBudgetModal
        request={allot}
        planId={planId}
        onClose={() => setAllot(null)}
        onDone={() => {
          setAllot(null);
          reload();
        }}
      />
      <PinModal
        request={pin}
        planId={planId}
        onClose={() => setPin(null)}
        onDone={() => {
          setPin(null);
          reload();
        }}
      />
    </div>
  );
}

function PlanColumn({
  result,
  objective,
  isDefault,
  confirmed,
  focused,
  onFocus,
  label,
}: {
  result: SelectionResult;
  objective: SelectionObjective;
  isDefault: boolean;
  confirmed: boolean;
  focused: boolean;
  onFocus: () => void;
  label: (g: string | null) => string;
}) {
  const { t, lang } = useI18n();
  const { totals } = result;
  return (
    <Card
      size="small"
      hoverable
      onClick={onFocus}
      data-testid={`plan-column-${objective}`}
      data-feasible={result.feasible ? 'true' : 'false'}
      data-funded={result.funded.length}
      data-amount={totals.amount}
      style={focused ? { borderColor: '#1677ff', boxShadow: '0 0 0 1px #1677ff' } : undefined}
      title={
        <Space wrap>
          {t(`selection.objective.${objective}`)}
          {isDefault && <Tag color="blue">{t('selection.default')}</Tag>}
          {confirmed && (
            <Tag color="gold" icon={<CheckCircleOutlined />}>
              {t('selection.confirmedPlan')}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Tag color={result.feasible ? 'green' : 'red'} data-testid="plan-feasible">
          {result.feasible ? t('selection.feasible') : t('selection.infeasible')}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
        {t(`selection.objective.${objective}Help`)}
      </Typography.Paragraph>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('selection.fundedCount')}>
          <b data-testid="plan-count">{totals.count}</b>
        </Descriptions.Item>
        <Descriptions.Item label={t('selection.totalAmount')}>
          <b data-testid="plan-amount">{money(totals.amount, lang)}</b>
        </Descriptions.Item>
        <Descriptions.Item label={t('selection.consortiumTotal')}>{money(totals.consortium, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('selection.backfillTotal')}>{money(totals.backfill, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('selection.merit')}>
          <span data-testid="plan-merit">{Math.round(totals.merit * 100)}</span>
        </Descriptions.Item>
      </Descriptions>
      {result.groups.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('selection.groups')}
          </Typography.Text>
          {result.groups.map((g) => (
            <div key={g.key} style={{ fontSize: 12 }}>
              {label(g.key)}: {t('selection.groupFunded', { n: g.count, amount: money(g.amount, lang) })}
            </div>
          ))}
        </div>
      )}
      {!result.feasible && (
        <div style={{ marginTop: 8 }} data-testid="plan-breaches">
          <Typography.Text type="danger">{t('selection.infeasibleHelp')}</Typography.Text>
          {result.breaches.map((b, i) => (
            <BreachLine key={i} b={b} label={label} />
          ))}
        </div>
      )}
    </Card>
  );
}

function ConfirmedCard({ data }: { data: SelectionOut }) {
  const { t } = useI18n();
  const c = data.confirmed!;
  const titles = new Map(data.candidates.map((x) => [x.applicationId, x.title]));
  return (
    <Card
      size="small"
      style={{ marginBottom: 16, borderColor: '#faad14' }}
      title={
        <Space>
          <CheckCircleOutlined style={{ color: '#faad14' }} />
          {t('selection.confirmed.title')}
          <Tag color="gold">{t(`selection.objective.${c.objective}`)}</Tag>
        </Space>
      }
      data-testid="selection-confirmed"
      data-objective={c.objective}
      data-funded={c.funded.length}
    >
      <Typography.Paragraph style={{ marginTop: 0 }}>
        {t('selection.confirmed.by', { who: c.confirmedBy, at: formatInstant(c.confirmedAt) })}
      </Typography.Paragraph>
      {c.reason && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.reason}</Typography.Paragraph>}
      <Typography.Text strong>{t('selection.confirmed.funded', { n: c.funded.length })}</Typography.Text>
      <ol style={{ marginBottom: 0 }}>
        {c.funded.map((id) => (
          <li key={id} data-testid={`confirmed-${id}`}>
            {titles.get(id) ?? id}
          </li>
        ))}
      </ol>
    </Card>
  );
}
