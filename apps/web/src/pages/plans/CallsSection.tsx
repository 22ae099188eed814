import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { TRACK_LABELS, type CallView, type PlanView } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import { plansApi } from './api';
import { CallDrawer } from './CallDrawer';
import { CallStateTag, CallStatusTag, RuleCodeTag, formatInstant } from './shared';

/** The calls of one plan (officers draft and publish them; 4.3.a). */
export function CallsSection({ plan }: { plan: PlanView }) {
  const { t, tx } = useI18n();
  const { hasRole } = useAuth();
  const canEdit = hasRole('officer');
  const { data, error, loading, reload } = useApi(() => plansApi.calls({ planId: plan.id, all: true }), [plan.id]);
  /** undefined: closed; null: a new call; a call: editing it. */
  const [editing, setEditing] = useState<CallView | null | undefined>(undefined);
  const calls = data ?? [];

  return (
    <Card
      title={
        <Space>
          {t('plans.calls.title')}
          <RuleCodeTag code="4.3.a" />
        </Space>
      }
      size="small"
      data-testid="plan-calls"
      extra={
        canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="call-new">
            {t('plans.calls.new')}
          </Button>
        ) : undefined
      }
    >
      {plan.status !== 'published' && canEdit && (
        <Alert type="info" showIcon title={t('plans.calls.planDraftNote')} style={{ marginBottom: 12 }} />
      )}
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<CallView>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={calls}
          pagination={false}
          data-testid="calls-table"
          locale={{ emptyText: t('plans.calls.empty') }}
          onRow={(r) => ({ 'data-testid': `call-row-${r.track}`, 'data-call-id': r.id }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('plans.calls.track'),
              key: 'track',
              render: (_, r) => (
                <Space size={4}>
                  <RuleCodeTag code={TRACK_LABELS[r.track].rule} />
                  {tx(TRACK_LABELS[r.track])}
                </Space>
              ),
            },
            {
              title: t('plans.calls.callTitle'),
              key: 'title',
              render: (_, r) => (
                <>
                  <div>{r.titleZh}</div>
                  {r.titleEn && <Typography.Text type="secondary">{r.titleEn}</Typography.Text>}
                </>
              ),
            },
            {
              title: t('plans.calls.window'),
              key: 'window',
              render: (_, r) => (
                <span data-testid="call-window">
                  {formatInstant(r.opensAt)} — {formatInstant(r.closesAt)}
                </span>
              ),
            },
            { title: t('plans.calls.status'), key: 'status', render: (_, r) => <CallStatusTag status={r.status} /> },
            { title: t('plans.calls.state'), key: 'state', render: (_, r) => <CallStateTag state={r.state} /> },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) => (
                <Button type="link" onClick={() => setEditing(r)} data-testid={`call-edit-${r.track}`}>
                  {canEdit && r.status !== 'cancelled' ? t('common.edit') : t('common.view')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {editing !== undefined && (
        <CallDrawer
          plan={plan}
          call={editing}
          takenTracks={calls.map((c) => c.track)}
          canEdit={canEdit}
          onChanged={() => reload()}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Card>
  );
}
