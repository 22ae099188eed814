import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { WORKPLAN_STATUSES, type PlanView, type WorkplanStatus, type WorkplanSummary } from '@rdplan/domain';
import { ApiError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { workplansApi } from './api';
import { ErrorAlert, formatInstant, useMoney } from './shared';

export function StatusTag({ status }: { status: WorkplanStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'finalised' ? 'green' : 'blue'} data-testid="workplan-status" data-status={status}>
      {t(`workplans.status.${status}`)}
    </Tag>
  );
}

/** The year in Beijing. */
function shanghaiYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

/** The chain leader starts this year's work plan for a chain of theirs that a published plan selected. */
function StartWorkplan({ plans, existing }: { plans: PlanView[]; existing: WorkplanSummary[] }) {
  const { t, nameOf } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const published = useMemo(() => plans.filter((p) => p.status === 'published').sort((a, b) => b.year - a.year), [plans]);
  const year = shanghaiYear();
  const [planId, setPlanId] = useState<string | undefined>(() => (published.find((p) => p.year === year) ?? published[0])?.id);
  const plan = published.find((p) => p.id === planId);
  const mine = (plan?.chains ?? []).filter((c) => c.leaders.some((l) => l.orgId === user?.orgId));
  const [chainId, setChainId] = useState<string | undefined>(undefined);
  const chosen = mine.find((c) => c.chainId === chainId) ?? (mine.length === 1 ? mine[0] : undefined);
  const already = chosen ? existing.find((w) => w.planId === planId && w.chain.id === chosen.chainId) : undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function start() {
    if (!plan || !chosen) return;
    setBusy(true);
    setError(null);
    try {
      const view = await workplansApi.create({ planId: plan.id, chainId: chosen.chainId });
      void navigate(`/app/workplans/${view.id}`);
    } catch (e) {
      // The chain already has a plan this year: open it.
      const id =
        e instanceof ApiError && e.status === 409 && Array.isArray(e.details)
          ? (e.details as { id?: string }[]).find((d) => typeof d.id === 'string')?.id
          : undefined;
      if (id) void navigate(`/app/workplans/${id}`);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('workplans.start.title')} size="small" style={{ marginBottom: 16 }} data-testid="workplan-start-card">
      <Typography.Paragraph type="secondary">{t('workplans.start.help')}</Typography.Paragraph>
      {published.length === 0 ? (
        <Alert type="info" showIcon title={t('workplans.start.noPlan')} data-testid="workplan-start-none" />
      ) : (
        <Space wrap align="start">
          <Select
            style={{ minWidth: 260 }}
            value={planId}
            onChange={(v) => {
              setPlanId(v);
              setChainId(undefined);
            }}
            options={published.map((p) => ({ value: p.id, label: `${p.year} · ${p.title}` }))}
            data-testid="workplan-start-plan"
            aria-label={t('workplans.start.plan')}
          />
          <Select
            style={{ minWidth: 280 }}
            value={chosen?.chainId}
            onChange={setChainId}
            placeholder={t('workplans.start.chain')}
            options={mine.map((c) => ({ value: c.chainId, label: `${c.code} · ${nameOf(c)}` }))}
            notFoundContent={t('workplans.start.noChain')}
            data-testid="workplan-start-chain"
            aria-label={t('workplans.start.chain')}
          />
          {already ? (
            <Link to={`/app/workplans/${already.id}`} data-testid="workplan-start-open">
              <Button>{t('workplans.start.open')}</Button>
            </Link>
          ) : (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!chosen}
              loading={busy}
              onClick={() => void start()}
              data-testid="workplan-start"
            >
              {t('workplans.start.button', { year: plan?.year ?? year })}
            </Button>
          )}
        </Space>
      )}
      {plan && mine.length === 0 && (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('workplans.start.noChain')} data-testid="workplan-start-no-chain" />
      )}
      {chosen?.direction && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('workplans.start.direction', { direction: chosen.direction })}
        </Typography.Paragraph>
      )}
      {error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} testId="workplan-start-error" />
        </div>
      ) : null}
    </Card>
  );
}

/** Work plans: the chain leader's own (with "start this year's"), every chain's for officers and admins. */
export function WorkplansPage() {
  const { t, nameOf } = useI18n();
  const { hasRole } = useAuth();
  const money = useMoney();
  const leader = hasRole('chain_leader');
  const bureau = hasRole('officer', 'admin', 'analyst');
  const [planId, setPlanId] = useState<string | undefined>(undefined);
  const [chainId, setChainId] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<WorkplanStatus | undefined>(undefined);
  const list = useApi(() => workplansApi.list({ planId, chainId, status }), [planId, chainId, status]);
  const plans = useApi(() => workplansApi.plans().catch(() => [] as PlanView[]), []);
  const chains = useApi(() => (bureau ? endpoints.chains() : Promise.resolve([])), [bureau]);

  return (
    <div data-testid="workplans-page">
      <PageHeader title={t('workplans.list.title')} />
      <Typography.Paragraph type="secondary">{t('workplans.list.intro')}</Typography.Paragraph>
      {leader && plans.data && list.data && <StartWorkplan plans={plans.data} existing={list.data} />}
      <Card
        size="small"
        title={t('workplans.list.tableTitle')}
        extra={
          bureau && (
            <Space wrap>
              <Select
                allowClear
                style={{ minWidth: 200 }}
                placeholder={t('workplans.list.filterPlan')}
                aria-label={t('workplans.list.filterPlan')}
                value={planId}
                onChange={setPlanId}
                options={(plans.data ?? []).map((p) => ({ value: p.id, label: `${p.year} · ${p.title}` }))}
                data-testid="workplans-filter-plan"
              />
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 220 }}
                placeholder={t('workplans.list.filterChain')}
                aria-label={t('workplans.list.filterChain')}
                value={chainId}
                onChange={setChainId}
                options={(chains.data ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${nameOf(c)}` }))}
                data-testid="workplans-filter-chain"
              />
              <Select
                allowClear
                style={{ minWidth: 140 }}
                placeholder={t('workplans.list.filterStatus')}
                aria-label={t('workplans.list.filterStatus')}
                value={status}
                onChange={setStatus}
                options={WORKPLAN_STATUSES.map((s) => ({ value: s, label: t(`workplans.status.${s}`) }))}
                data-testid="workplans-filter-status"
              />
            </Space>
          )
        }
      >
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<WorkplanSummary>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.data ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('workplans.list.empty')} /> }}
            onRow={(r) => ({ 'data-testid': `workplan-row-${r.chain.code}`, 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('workplans.list.year'), dataIndex: 'planYear', width: 80 },
              {
                title: t('workplans.list.chain'),
                key: 'chain',
                render: (_, r) => (
                  <Link to={`/app/workplans/${r.id}`} data-testid={`workplan-open-${r.id}`}>
                    {r.chain.code} · {nameOf(r.chain)}
                  </Link>
                ),
              },
              { title: t('workplans.list.leader'), key: 'leader', render: (_, r) => r.leader.name },
              { title: t('workplans.list.status'), key: 'status', render: (_, r) => <StatusTag status={r.status} /> },
              { title: t('workplans.list.candidates'), dataIndex: 'candidates', width: 90 },
              { title: t('workplans.list.inPlan'), dataIndex: 'inPlan', width: 90 },
              { title: t('workplans.list.cityFunds'), key: 'funds', render: (_, r) => money(r.cityFundsInPlan) },
              { title: t('workplans.list.finalisedAt'), key: 'fin', render: (_, r) => formatInstant(r.finalisedAt) },
              { title: t('workplans.list.updatedAt'), key: 'upd', render: (_, r) => formatInstant(r.updatedAt) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
