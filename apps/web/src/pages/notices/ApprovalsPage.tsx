import { Alert, App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatWan, TRACK_LABELS, type ApprovalCandidateOut, type ApprovalDecisionOut, type ProjectOut } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { noticesApi } from './api';

/** /app/approvals — after the notice, the officer approves projects in one decision with its 文号. */
export function ApprovalsPage() {
  const { t, tx, lang } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const plans = useApi(() => noticesApi.plans(), []);
  const [planId, setPlanId] = useState<string | undefined>(undefined);
  const chosen = planId ?? plans.data?.[0]?.id;
  const candidates = useApi(() => (chosen ? noticesApi.candidates(chosen) : Promise.resolve([] as ApprovalCandidateOut[])), [chosen]);
  const decisions = useApi(() => (chosen ? noticesApi.decisions(chosen) : Promise.resolve([] as ApprovalDecisionOut[])), [chosen]);
  const [selected, setSelected] = useState<string[]>([]);
  const [docNumber, setDocNumber] = useState('');
  const [saving, setSaving] = useState(false);
  const isOfficer = user?.roles.includes('officer') ?? false;
  const amount = (n: number | null) => (n === null ? t('notices.item.noFunds') : formatWan(n, lang));

  async function approve() {
    if (!chosen) return;
    setSaving(true);
    try {
      await noticesApi.approve({ planId: chosen, docNumber, applicationIds: selected });
      message.success(t('approvals.approved'));
      setSelected([]);
      setDocNumber('');
      candidates.reload();
      decisions.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  if (plans.error) return <LoadError error={plans.error} onRetry={plans.reload} />;
  return (
    <div data-testid="approvals-page">
      <PageHeader
        title={t('approvals.title')}
        extra={
          <Select
            style={{ minWidth: 240 }}
            placeholder={t('notices.planPlaceholder')}
            aria-label={t('notices.plan')}
            value={chosen}
            onChange={(v) => {
              setPlanId(v);
              setSelected([]);
            }}
            loading={plans.loading}
            options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
          />
        }
      />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('approvals.hint')} />
        <Card title={t('approvals.candidates')} size="small">
          {candidates.error ? (
            <LoadError error={candidates.error} onRetry={candidates.reload} />
          ) : (
            <Table<ApprovalCandidateOut>
              rowKey="applicationId"
              size="small"
              pagination={false}
              loading={candidates.loading}
              dataSource={candidates.data ?? []}
              locale={{ emptyText: t('approvals.noCandidates') }}
              data-testid="approval-candidates"
              rowSelection={
                isOfficer
                  ? {
                      selectedRowKeys: selected,
                      onChange: (keys) => setSelected(keys as string[]),
                      getCheckboxProps: (c) => ({ disabled: c.hold !== null || c.projectCode !== null }),
                    }
                  : undefined
              }
              columns={[
                { title: t('notices.item.unit'), dataIndex: 'unit' },
                { title: t('notices.item.title'), dataIndex: 'title' },
                {
                  title: t('notices.item.track'),
                  key: 'track',
                  render: (_, c) => `${TRACK_LABELS[c.track].rule} ${tx(TRACK_LABELS[c.track])}`,
                },
                { title: t('notices.item.amount'), key: 'amount', align: 'right', render: (_, c) => amount(c.amount) },
                {
                  title: t('notices.col.state'),
                  key: 'state',
                  render: (_, c) =>
                    c.projectCode ? (
                      <Tag color="green">{c.projectCode}</Tag>
                    ) : c.hold ? (
                      <Tag color={c.hold === 'notice_running' ? 'blue' : 'red'}>{t(`approvals.hold.${c.hold}`)}</Tag>
                    ) : (
                      <Tag color="green">{t('approvals.ready')}</Tag>
                    ),
                },
              ]}
            />
          )}
          {isOfficer && (
            <Space wrap style={{ marginTop: 12 }}>
              <Input
                value={docNumber}
                onChange={(e) => setDocNumber(e.target.value)}
                placeholder={t('approvals.docNumberPlaceholder')}
                aria-label={t('approvals.docNumber')}
                maxLength={60}
                style={{ width: 260 }}
                data-testid="approval-doc-number"
              />
              <Button
                type="primary"
                disabled={selected.length === 0 || docNumber.trim().length < 4}
                loading={saving}
                onClick={() => void approve()}
                data-testid="approval-submit"
              >
                {t('approvals.approve')}
              </Button>
            </Space>
          )}
        </Card>
        <Card title={t('approvals.decisions')} size="small">
          {(decisions.data ?? []).length === 0 && <Typography.Text type="secondary">{t('approvals.noDecisions')}</Typography.Text>}
          {(decisions.data ?? []).map((d) => (
            <div key={d.id} style={{ marginBottom: 16 }} data-testid={`approval-decision-${d.id}`}>
              <Typography.Title level={5}>
                {d.docNumber} {d.title}{' '}
                <Typography.Text type="secondary">
                  {d.decidedAt.slice(0, 10)} {d.decidedBy}
                </Typography.Text>
              </Typography.Title>
              <Table<ProjectOut>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={d.projects}
                columns={[
                  { title: t('approvals.code'), dataIndex: 'code' },
                  { title: t('notices.item.unit'), dataIndex: 'unit' },
                  { title: t('notices.item.title'), dataIndex: 'title' },
                  { title: t('notices.col.state'), key: 'kind', render: (_, p) => t(`approvals.kind.${p.kind}`) },
                  { title: t('notices.item.amount'), key: 'amount', align: 'right', render: (_, p) => formatWan(p.amounts.city, lang) },
                  { title: t('approvals.rules'), key: 'rules', render: (_, p) => p.rules.join('、') },
                ]}
              />
            </div>
          ))}
        </Card>
      </Space>
    </div>
  );
}
