import { useState } from 'react';
import { Button, Card, Drawer, Input, Table, Tag } from 'antd';
import { endpoints } from '../../api/endpoints';
import type { Organisation } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { OrganisationDetail } from '../../components/OrganisationDetail';
import { OrganisationGroupView } from '../../components/OrganisationGroupView';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { usePaging } from '../../hooks/usePaging';

function OrganisationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(() => (id ? endpoints.organisation(id) : Promise.resolve(null)), [id]);
  return (
    <Drawer open={!!id} onClose={onClose} size={720} title={data?.name ?? t('org.detail')} data-testid="organisation-drawer">
      {loading ? (
        <PageSpin />
      ) : error ? (
        <LoadError error={error} onRetry={reload} />
      ) : data ? (
        <>
          <OrganisationDetail org={data} />
          <OrganisationGroupView id={data.id} />
        </>
      ) : null}
    </Drawer>
  );
}

export function OrganisationsPage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, error, loading, reload } = useApi(() => endpoints.registry({ q, page, pageSize }), [q, page, pageSize]);

  return (
    <div data-testid="organisations-page">
      <PageHeader
        title={t('org.title')}
        extra={
          <Input.Search
            allowClear
            placeholder={t('common.searchPlaceholder')}
            enterButton={t('common.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 360 }}
            data-testid="organisations-search"
          />
        }
      />
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : !data && loading ? (
          <PageSpin />
        ) : (
          <Table<Organisation>
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
            pagination={pagination(data?.total)}
            columns={[
              { title: t('org.name'), dataIndex: 'name' },
              { title: t('org.uscc'), dataIndex: 'uscc', render: (v: string) => <code>{v}</code> },
              {
                title: t('org.type'),
                dataIndex: 'typeLabel',
              },
              {
                title: t('org.region'),
                dataIndex: 'regionLabel',
                render: (v: string, r) => (
                  <>
                    {v} {r.isGuangzhou && <Tag color="blue">{t('org.inGuangzhou')}</Tag>}
                  </>
                ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, r) => (
                  <Button type="link" onClick={() => setOpenId(r.id)}>
                    {t('common.view')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <OrganisationDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
