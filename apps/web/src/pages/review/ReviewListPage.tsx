import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { TRACK_LABELS, type ReviewListOut } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewApi } from './api';
import { RefusalAlert, ReviewStatusTag, useCanEdit } from './shared';

type Row = ReviewListOut['items'][number];

/** /app/reviews: the reviews of the calls, and creating one for a published call without a review. */
export function ReviewListPage() {
  const { t, tx, lang } = useI18n();
  const canEdit = useCanEdit();
  const { data, error, loading, reload } = useApi(() => reviewApi.list(), []);

  return (
    <div data-testid="review-list-page">
      <PageHeader
        title={t('review.list.title')}
        extra={
          <Link to="/app/reviews/experts">
            <Button icon={<TeamOutlined />} data-testid="review-experts-link">
              {t('review.list.experts')}
            </Button>
          </Link>
        }
      />
      <Typography.Paragraph type="secondary">{t('review.list.intro')}</Typography.Paragraph>
      {canEdit && data && <CreateReview existing={data.items} onCreated={reload} />}
      <Card size="small">
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<Row>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
            locale={{ emptyText: t('review.list.empty') }}
            data-testid="review-list"
            onRow={(r) => ({ 'data-testid': `review-row-${r.id}`, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
            scroll={{ x: 900 }}
            columns={[
              {
                title: t('review.list.call'),
                key: 'call',
                render: (_, r) => (
                  <Link to={`/app/reviews/${r.id}`} data-testid={`review-open-${r.id}`}>
                    {lang === 'zh' ? r.callTitleZh : r.callTitleEn}
                  </Link>
                ),
              },
              { title: t('review.list.year'), dataIndex: 'planYear', width: 80 },
              {
                title: t('review.list.track'),
                dataIndex: 'track',
                width: 220,
                render: (v: string) => {
                  const l = TRACK_LABELS[v as keyof typeof TRACK_LABELS];
                  return l ? (
                    <Space size={4}>
                      <Tag>{l.rule}</Tag>
                      {tx(l)}
                    </Space>
                  ) : (
                    v
                  );
                },
              },
              {
                title: t('review.list.status'),
                dataIndex: 'status',
                width: 110,
                render: (s: Row['status']) => <ReviewStatusTag status={s} testId="review-row-status" />,
              },
              { title: t('review.list.applications'), dataIndex: 'applications', width: 100, align: 'right' },
              { title: t('review.list.assignments'), dataIndex: 'assignments', width: 100, align: 'right' },
              { title: t('review.list.submitted'), dataIndex: 'submitted', width: 100, align: 'right' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

function CreateReview({ existing, onCreated }: { existing: Row[]; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const calls = useApi(() => reviewApi.calls(), []);
  const [callId, setCallId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const taken = useMemo(() => new Set(existing.map((r) => r.callId)), [existing]);
  const options = (calls.data ?? [])
    .filter((c) => c.status === 'published' && !taken.has(c.id))
    .map((c) => ({ value: c.id, label: `${c.year} · ${lang === 'zh' ? c.titleZh : c.titleEn}` }));

  async function create() {
    if (!callId) return;
    setBusy(true);
    setError(null);
    try {
      const r = await reviewApi.create(callId);
      message.success(t('review.create.done'));
      onCreated();
      void navigate(`/app/reviews/${r.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('review.create.title')} style={{ marginBottom: 16 }} data-testid="review-create">
      <Typography.Paragraph type="secondary">{t('review.create.hint')}</Typography.Paragraph>
      <RefusalAlert error={error} testId="review-create-error" onClose={() => setError(null)} />
      {calls.error ? (
        <LoadError error={calls.error} onRetry={calls.reload} />
      ) : (
        <Space wrap>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 420 }}
            placeholder={options.length === 0 && !calls.loading ? t('review.create.none') : t('review.create.pick')}
            aria-label={options.length === 0 && !calls.loading ? t('review.create.none') : t('review.create.pick')}
            loading={calls.loading}
            value={callId}
            onChange={setCallId}
            options={options}
            data-testid="review-create-call"
          />
          <Button type="primary" disabled={!callId} loading={busy} onClick={() => void create()} data-testid="review-create-submit">
            {t('review.create.submit')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
