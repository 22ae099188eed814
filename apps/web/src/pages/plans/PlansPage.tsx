import { Alert, Button, Card, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { formatWan, type PlanView } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { plansApi } from './api';
import { PlanStatusTag, formatInstant } from './shared';

/** /app/plans: the annual plans, newest year first. */
export function PlansPage() {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const canEdit = hasRole('officer');
  const { data, error, loading, reload } = useApi(() => plansApi.plans(), []);
  const rows = [...(data ?? [])].sort((a, b) => b.year - a.year);

  return (
    <div data-testid="plans-page">
      <PageHeader
        title={t('plans.title')}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/app/plans/new')} data-testid="plans-new">
              {t('plans.new')}
            </Button>
          ) : undefined
        }
      />
      {!canEdit && <Alert type="info" showIcon title={t('plans.readOnly')} style={{ marginBottom: 16 }} />}
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : loading && !data ? (
          <PageSpin />
        ) : (
          <Table<PlanView>
            rowKey="id"
            loading={loading}
            dataSource={rows}
            pagination={false}
            data-testid="plans-table"
            locale={{ emptyText: t('plans.empty') }}
            onRow={(r) => ({
              onClick: () => navigate(`/app/plans/${r.id}`),
              style: { cursor: 'pointer' },
              'data-testid': `plan-row-${r.year}`,
            })}
            columns={[
              { title: t('plans.year'), dataIndex: 'year', width: 100 },
              { title: t('plans.planTitle'), dataIndex: 'title' },
              { title: t('common.status'), dataIndex: 'status', render: (_, r) => <PlanStatusTag status={r.status} /> },
              {
                title: t('plans.chainCount'),
                key: 'chains',
                render: (_, r) => `${r.chains.length} / ${r.params.maxChainsPerYear}`,
              },
              { title: t('plans.budgetTotal'), key: 'total', render: (_, r) => formatWan(r.budgets.total, lang) },
              { title: t('plans.publishedAt'), dataIndex: 'publishedAt', render: (v: string | null) => formatInstant(v) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, r) => (
                  <Button type="link" onClick={() => navigate(`/app/plans/${r.id}`)} data-testid={`plan-open-${r.year}`}>
                    {canEdit ? t('common.edit') : t('common.view')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
