import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ExclusionInput, ExclusionListOut } from '@rdplan/domain';
import { call, errorMessage, http } from '../../api/client';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';

type Exclusion = ExclusionListOut['items'][number];

const exclusion = (id: string, exclusionId: string) => ({ params: { path: { id, exclusionId } } });

export const exclusionsApi = {
  list: (id: string) => call(http.GET('/api/applications/{id}/exclusions', { params: { path: { id } } })),
  add: (id: string, body: ExclusionInput) => call(http.POST('/api/applications/{id}/exclusions', { params: { path: { id } }, body })),
  remove: (id: string, exclusionId: string) =>
    call(http.DELETE('/api/applications/{id}/exclusions/{exclusionId}', exclusion(id, exclusionId))),
};

/**
 * Experts the applying unit asks to exclude from reviewing its application (docs/review.md, step 2): up to
 * the review's limit, from submission until the assignments are released. The server refuses beyond the
 * limit (422 review_limit) and after release; its message is shown.
 */
export function ExclusionsCard({ applicationId }: { applicationId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi(() => exclusionsApi.list(applicationId), [applicationId]);
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  async function add() {
    if (!name.trim()) {
      setServerError(t('reviewing.exclusions.nameRequired'));
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      await exclusionsApi.add(applicationId, { personName: name.trim(), unitName: unit.trim(), reason: reason.trim() });
      message.success(t('reviewing.exclusions.added'));
      setName('');
      setUnit('');
      setReason('');
      reload();
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    setServerError(null);
    try {
      await exclusionsApi.remove(applicationId, id);
      message.success(t('reviewing.exclusions.removed'));
      reload();
    } catch (e) {
      setServerError(errorMessage(e));
    }
  }

  const items = data?.items ?? [];
  const limit = data?.limit ?? 0;
  const full = !!data && items.length >= limit;
  return (
    <Card
      size="small"
      title={t('reviewing.exclusions.title')}
      data-testid="exclusions"
      data-count={items.length}
      data-limit={limit}
      extra={
        data ? <Typography.Text type="secondary">{t('reviewing.exclusions.count', { n: items.length, limit })}</Typography.Text> : undefined
      }
    >
      {loading && !data ? (
        <PageSpin />
      ) : error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('reviewing.exclusions.help', { limit })}</Typography.Text>
          {serverError && (
            <Alert type="error" showIcon title={serverError} closable onClose={() => setServerError(null)} data-testid="exclusion-error" />
          )}
          <Table<Exclusion>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={items}
            locale={{ emptyText: t('reviewing.exclusions.empty') }}
            onRow={(r) => ({ 'data-testid': `exclusion-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('reviewing.exclusions.name'), dataIndex: 'personName' },
              { title: t('reviewing.exclusions.unit'), dataIndex: 'unitName', render: (v: string) => v || '—' },
              { title: t('reviewing.exclusions.reason'), dataIndex: 'reason', render: (v: string) => v || '—' },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 80,
                render: (_, r) => (
                  <Popconfirm title={t('reviewing.exclusions.removeConfirm')} onConfirm={() => remove(r.id)}>
                    <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid={`exclusion-remove-${r.id}`}>
                      {t('reviewing.exclusions.remove')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          <Space wrap style={{ width: '100%' }}>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={50}
              placeholder={t('reviewing.exclusions.name')}
              style={{ width: 140 }}
              data-testid="exclusion-name"
            />
            <Input
              value={unit}
              onChange={(e) => setUnit(e.target.value)}
              maxLength={200}
              placeholder={t('reviewing.exclusions.unit')}
              style={{ width: 200 }}
              data-testid="exclusion-unit"
            />
            <Input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder={t('reviewing.exclusions.reason')}
              style={{ width: 240 }}
              data-testid="exclusion-reason"
            />
            <Button icon={<PlusOutlined />} loading={busy} onClick={() => void add()} data-testid="exclusion-add">
              {t('reviewing.exclusions.add')}
            </Button>
          </Space>
          {full && <Typography.Text type="warning">{t('reviewing.exclusions.full')}</Typography.Text>}
        </Space>
      )}
    </Card>
  );
}
