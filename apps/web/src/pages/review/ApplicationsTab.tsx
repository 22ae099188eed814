import type { HTMLAttributes } from 'react';
import { useMemo } from 'react';
import { Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { ConflictOut, ReviewApplicationOut, ReviewOut } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewApi } from './api';
import { CONFLICT_COLOR, money } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

/** The review's applications with their counts; a row expands to its conflicts of interest (回避). */
export function ApplicationsTab({ review }: { review: ReviewOut }) {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  const conflicts = useApi(() => reviewApi.conflicts(review.id), [review.id]);
  const byApp = useMemo(() => {
    const m = new Map<string, ConflictOut[]>();
    for (const c of conflicts.data?.items ?? []) m.set(c.applicationId, [...(m.get(c.applicationId) ?? []), c]);
    return m;
  }, [conflicts.data]);
  const k = review.settings.expertsPerApplication;

  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('review.conflicts.hint')}</Typography.Paragraph>
      {conflicts.error ? <LoadError error={conflicts.error} onRetry={conflicts.reload} /> : null}
      <Table<ReviewApplicationOut>
        rowKey="applicationId"
        size="small"
        dataSource={review.applications}
        loading={conflicts.loading && !conflicts.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: t('review.apps.empty') }}
        scroll={{ x: 1000 }}
        data-testid="review-applications"
        onRow={(r) => ({ 'data-testid': `review-app-${r.applicationId}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (r) => <ConflictList items={byApp.get(r.applicationId) ?? []} applicationId={r.applicationId} />,
          expandRowByClick: false,
        }}
        columns={[
          {
            title: t('review.apps.title'),
            key: 'title',
            render: (_, r) => (
              <>
                <div>{r.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.orgName}
                </Typography.Text>
              </>
            ),
          },
          { title: t('review.apps.field'), dataIndex: 'fieldCode', width: 200, render: (v: string | null) => fieldName(v) },
          { title: t('review.apps.chain'), dataIndex: 'chainName', width: 140, render: (v: string | null) => v ?? '—' },
          {
            title: t('review.apps.funds'),
            dataIndex: 'cityFunds',
            width: 120,
            align: 'right',
            render: (v: number | null) => money(v, lang),
          },
          {
            title: t('review.apps.assigned'),
            dataIndex: 'assigned',
            width: 90,
            align: 'right',
            render: (v: number) => <span style={{ color: v < k ? '#d46b08' : undefined }}>{t('review.assign.count', { n: v, k })}</span>,
          },
          { title: t('review.apps.submitted'), dataIndex: 'submitted', width: 80, align: 'right' },
          {
            title: t('review.apps.conflicts'),
            dataIndex: 'conflicts',
            width: 80,
            align: 'right',
            render: (v: number, r) => <span data-testid={`review-app-conflicts-${r.applicationId}`}>{v}</span>,
          },
          {
            title: t('review.apps.eligible'),
            dataIndex: 'eligibleExperts',
            width: 110,
            align: 'right',
            render: (v: number) =>
              v < k ? (
                <Tooltip title={t('review.apps.lackingEligible')}>
                  <Typography.Text type="danger">
                    <WarningOutlined /> {v}
                  </Typography.Text>
                </Tooltip>
              ) : (
                v
              ),
          },
        ]}
      />
    </Card>
  );
}

function ConflictList({ items, applicationId }: { items: ConflictOut[]; applicationId: string }) {
  const { t, lang } = useI18n();
  if (items.length === 0)
    return (
      <div data-testid={`review-conflicts-${applicationId}`}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.conflicts.none')} />
      </div>
    );
  return (
    <Table<ConflictOut>
      rowKey="personId"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid={`review-conflicts-${applicationId}`}
      columns={[
        { title: t('review.conflicts.expert'), dataIndex: 'expertName', width: 120 },
        { title: t('review.conflicts.unit'), dataIndex: 'expertOrg', width: 220, render: (v: string | null) => v ?? '—' },
        {
          title: t('review.conflicts.reasons'),
          key: 'reasons',
          render: (_, c) => (
            <Space orientation="vertical" size={2}>
              {c.reasons.map((r, i) => (
                <div key={i} data-testid="conflict-reason" data-kind={r.kind}>
                  <Tag color={CONFLICT_COLOR[r.kind]}>{t(`review.conflict.${r.kind}`)}</Tag>
                  <Typography.Text>{lang === 'zh' ? r.zh : r.en}</Typography.Text>
                </div>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
