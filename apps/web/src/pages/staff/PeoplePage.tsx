import { useState } from 'react';
import { Card, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { endpoints } from '../../api/endpoints';
import type { PersonSummary } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { usePaging } from '../../hooks/usePaging';

export function PeoplePage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [expertOnly, setExpertOnly] = useState(false);
  const { page, pageSize, setPage, pagination } = usePaging();
  const { data, error, loading, reload } = useApi(
    () => endpoints.people({ q, page, pageSize, expert: expertOnly ? 'true' : undefined }),
    [q, page, pageSize, expertOnly],
  );
  return (
    <div data-testid="people-page">
      <PageHeader
        title={t('people.title')}
        extra={
          <Space wrap>
            <Space>
              <Switch
                checked={expertOnly}
                onChange={(v) => {
                  setExpertOnly(v);
                  setPage(1);
                }}
                data-testid="people-expert-only"
                aria-label={t('people.expertsOnly')}
              />
              <Typography.Text>{t('people.expertsOnly')}</Typography.Text>
            </Space>
            <Input.Search
              allowClear
              placeholder={t('common.searchPlaceholder')}
              enterButton={t('common.search')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
              style={{ width: 320 }}
            />
          </Space>
        }
      />
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<PersonSummary>
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            pagination={pagination(data?.total)}
            columns={[
              { title: t('people.name'), dataIndex: 'name' },
              {
                title: t('people.title2'),
                key: 'title',
                render: (_, r) => r.titleName ?? t(`people.titleLevel.${r.titleLevel}`),
              },
              {
                title: t('people.org'),
                key: 'org',
                render: (_, r) =>
                  r.currentOrg ? (
                    <>
                      {r.currentOrg.name}
                      {r.currentOrg.position && <Typography.Text type="secondary"> · {r.currentOrg.position}</Typography.Text>}
                    </>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('people.fields'),
                dataIndex: 'fieldCodes',
                render: (codes: string[]) => (codes.length ? codes.map((c) => <Tag key={c}>{c}</Tag>) : '—'),
              },
              {
                title: t('people.expert'),
                key: 'expert',
                render: (_, r) => (r.isExpert ? <Tag color="gold">{t('people.expert')}</Tag> : null),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
