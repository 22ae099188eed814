import { Alert, Button, Card, Descriptions, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { TRACK_LABELS } from '@rdplan/domain';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewApi } from './api';
import { ApplicationsTab } from './ApplicationsTab';
import { AssignmentTab } from './AssignmentTab';
import { OverlapsTab } from './OverlapsTab';
import { ResultsTab } from './ResultsTab';
import { SettingsPanel, TransitionButtons } from './SettingsPanel';
import { ReviewStatusTag, formatInstant, useCanEdit } from './shared';

const TABS = ['overview', 'applications', 'assignment', 'results', 'overlaps'] as const;
type TabKey = (typeof TABS)[number];

/** /app/reviews/:reviewId: one call's review, in tabs. */
export function ReviewPage() {
  const { reviewId = '' } = useParams();
  const { t, tx, lang } = useI18n();
  const canEdit = useCanEdit();
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'overview';
  const { data: review, error, reload } = useApi(() => reviewApi.get(reviewId), [reviewId]);

  if (error && !review) {
    if (error instanceof ApiError && error.status === 404)
      return <Alert type="warning" showIcon title={t('review.notFound')} data-testid="review-not-found" />;
    return <LoadError error={error} onRetry={reload} />;
  }
  if (!review) return <PageSpin />;

  const track = TRACK_LABELS[review.track as keyof typeof TRACK_LABELS];
  const items = [
    {
      key: 'overview',
      label: <span data-testid="review-tab-overview">{t('review.tab.overview')}</span>,
      children: (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
              <Descriptions.Item label={t('review.overview.plan')}>{review.planYear}</Descriptions.Item>
              <Descriptions.Item label={t('review.list.track')}>
                {track ? (
                  <Space size={4}>
                    <Tag>{track.rule}</Tag>
                    {tx(track)}
                  </Space>
                ) : (
                  review.track
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('review.overview.releasedAt')}>{formatInstant(review.releasedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('review.overview.closedAt')}>{formatInstant(review.closedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('review.overview.applications')}>
                <span data-testid="review-count-applications">{review.counts.applications}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('review.overview.assignments')}>
                <span data-testid="review-count-assignments">{review.counts.assignments}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('review.overview.declared')}>{review.counts.declared}</Descriptions.Item>
              <Descriptions.Item label={t('review.overview.submitted')}>
                <span data-testid="review-count-submitted">{review.counts.submitted}</span>
              </Descriptions.Item>
            </Descriptions>
            {review.criteria.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">
                  {t('review.overview.criteria')}
                  {t('review.colon')}
                </Typography.Text>
                <Space wrap size={[4, 4]}>
                  {review.criteria.map((c) => (
                    <Tag key={c.key}>
                      {lang === 'zh' ? c.zh : c.en} · {c.weight}
                    </Tag>
                  ))}
                </Space>
              </div>
            )}
          </Card>
          <SettingsPanel review={review} canEdit={canEdit} onSaved={reload} />
        </Space>
      ),
    },
    {
      key: 'applications',
      label: <span data-testid="review-tab-applications">{t('review.tab.applications')}</span>,
      children: <ApplicationsTab review={review} />,
    },
    {
      key: 'assignment',
      label: <span data-testid="review-tab-assignment">{t('review.tab.assignment')}</span>,
      children: <AssignmentTab review={review} canEdit={canEdit} onChanged={reload} />,
    },
    {
      key: 'results',
      label: <span data-testid="review-tab-results">{t('review.tab.results')}</span>,
      children: <ResultsTab review={review} canEdit={canEdit} />,
    },
    {
      key: 'overlaps',
      label: <span data-testid="review-tab-overlaps">{t('review.tab.overlaps')}</span>,
      children: <OverlapsTab review={review} canEdit={canEdit} />,
    },
  ];

  return (
    <div data-testid="review-page" data-review-id={review.id}>
      <Link to="/app/reviews">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('review.back')}
        </Button>
      </Link>
      <PageHeader
        title={
          <Space wrap>
            {lang === 'zh' ? review.callTitleZh : review.callTitleEn}
            <ReviewStatusTag status={review.status} />
          </Space>
        }
        testId="review-title"
        extra={canEdit ? <TransitionButtons review={review} onDone={reload} /> : undefined}
      />
      {!canEdit && <Alert type="info" showIcon title={t('review.readOnly')} style={{ marginBottom: 12 }} data-testid="review-read-only" />}
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(search);
          next.set('tab', k);
          setSearch(next, { replace: true });
        }}
        items={items}
        destroyOnHidden
      />
    </div>
  );
}
