import { List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import { noticesApi } from './api';
import { NoticePeriod } from './shared';

/** The public home's list of notices running now. */
export function PublicNoticeList() {
  const { t } = useI18n();
  const { data, error, loading } = useApi(() => noticesApi.publicList(), []);
  if (error) return <LoadError error={error} />;
  return (
    <List
      loading={loading}
      data-testid="public-notices"
      dataSource={data ?? []}
      locale={{ emptyText: t('notices.homeNone') }}
      renderItem={(n) => (
        <List.Item data-testid={`public-notice-${n.id}`}>
          <List.Item.Meta
            title={<Link to={`/notices/${n.id}`}>{n.title}</Link>}
            description={
              <Typography.Text type="secondary">
                <NoticePeriod notice={n} />
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}
