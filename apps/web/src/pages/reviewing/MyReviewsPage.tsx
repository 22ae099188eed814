import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { ExpertTaskOut } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewingApi } from './api';
import { ApplicantName, TaskStateTag } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

/** /app/reviewing: the signed-in expert's review tasks (released reviews only). */
export function MyReviewsPage() {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi(() => reviewingApi.tasks(), []);
  return (
    <div data-testid="reviewing-page">
      <PageHeader title={t('reviewing.tasks.title')} />
      <Alert type="info" showIcon title={t('reviewing.tasks.help')} style={{ marginBottom: 16 }} />
      <Card size="small">
        {loading && !data ? (
          <PageSpin />
        ) : error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<ExpertTaskOut>
            rowKey="assignmentId"
            size="middle"
            data-testid="task-list"
            dataSource={data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('reviewing.tasks.empty') }}
            onRow={(r) => ({ 'data-testid': `task-row-${r.assignmentId}`, 'data-state': r.state }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('reviewing.tasks.call'),
                key: 'call',
                width: 220,
                render: (_, r) => (
                  <>
                    <div>{lang === 'zh' ? r.callTitleZh : r.callTitleEn}</div>
                    {r.reviewStatus !== 'scoring' && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`reviewing.reviewStatus.${r.reviewStatus}`)}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
              {
                title: t('reviewing.tasks.application'),
                key: 'title',
                render: (_, r) => (
                  <Link to={`/app/reviewing/${r.assignmentId}`} data-testid={`task-open-${r.assignmentId}`}>
                    {r.title}
                  </Link>
                ),
              },
              {
                title: t('reviewing.tasks.applicant'),
                key: 'applicant',
                width: 200,
                render: (_, r) => <ApplicantName name={r.applicantName} />,
              },
              {
                title: t('reviewing.tasks.field'),
                dataIndex: 'fieldCode',
                width: 100,
                render: (v: string | null) => (v ? <Tag>{fieldName(v)}</Tag> : '—'),
              },
              {
                title: t('reviewing.tasks.state'),
                key: 'state',
                width: 130,
                render: (_, r) => <TaskStateTag state={r.state} />,
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_, r) => (
                  <Button size="small" type="primary" ghost onClick={() => navigate(`/app/reviewing/${r.assignmentId}`)}>
                    {t('reviewing.tasks.open')}
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
