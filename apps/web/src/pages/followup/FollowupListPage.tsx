import { useState } from 'react';
import { Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { FOLLOWUP_OUTPUT_TYPES, NATIONAL_PROJECT_STATUSES, type NationalProjectStatus } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePaging } from '../../hooks/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { followupApi, type FollowupListItem } from './api';
import { StatusTag } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

/** /app/followup: national projects involving Guangzhou units (4.2.b), with their follow-up at a glance. */
export function FollowupListPage() {
  const { t } = useI18n();
  const fieldName = useFieldName();
  const [q, setQ] = useState('');
  const [field, setField] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [status, setStatus] = useState<NationalProjectStatus | undefined>(undefined);
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const fieldOk = field === '' || /^F\d{2}(\.\d{2})?$/.test(field);
  const { data, error, loading, reload } = useApi(
    () =>
      followupApi.list({
        page,
        pageSize,
        q: q || undefined,
        field: fieldOk && field ? field : undefined,
        year: year ?? undefined,
        status,
      }),
    [page, pageSize, q, field, fieldOk, year, status],
  );

  return (
    <div data-testid="followup-page">
      <PageHeader
        title={
          <Space>
            {t('followup.title')}
            <Tag>4.2.b</Tag>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t('followup.intro')}</Typography.Paragraph>
      <Card
        size="small"
        extra={
          <Space wrap>
            <Select<NationalProjectStatus>
              allowClear
              placeholder={t('followup.filterStatus')}
              aria-label={t('followup.filterStatus')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={NATIONAL_PROJECT_STATUSES.map((s) => ({ value: s, label: t(`followup.status.${s}`) }))}
              style={{ width: 190 }}
              data-testid="followup-filter-status"
            />
            <InputNumber
              placeholder={t('followup.filterYear')}
              min={2000}
              max={2100}
              precision={0}
              value={year}
              onChange={(v) => {
                setYear(typeof v === 'number' ? v : null);
                setPage(1);
              }}
              style={{ width: 120 }}
              data-testid="followup-filter-year"
            />
            <Input
              allowClear
              placeholder={t('followup.filterField')}
              value={field}
              status={fieldOk ? undefined : 'error'}
              onChange={(e) => {
                setField(e.target.value.trim().toUpperCase());
                setPage(1);
              }}
              style={{ width: 170 }}
              data-testid="followup-filter-field"
            />
            <Input.Search
              allowClear
              placeholder={t('common.searchPlaceholder')}
              enterButton={t('common.search')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
              style={{ width: 260 }}
              data-testid="followup-search"
            />
          </Space>
        }
      >
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<FollowupListItem>
            rowKey="nationalId"
            size="small"
            loading={loading}
            dataSource={data?.items ?? []}
            pagination={pagination(data?.total)}
            locale={{ emptyText: t('followup.empty') }}
            // Wide enough for every column's width, so the one without a fixed width (我市单位) is not squeezed.
            scroll={{ x: 1500 }}
            data-testid="followup-table"
            columns={[
              {
                title: t('followup.nationalId'),
                dataIndex: 'nationalId',
                width: 170,
                render: (v: string) => (
                  <Link to={`/app/followup/${encodeURIComponent(v)}`} data-testid="followup-open">
                    <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                      {v}
                    </Typography.Text>
                  </Link>
                ),
              },
              {
                title: t('followup.projectTitle'),
                key: 'title',
                width: 300,
                render: (_, r) => (
                  <>
                    <Link to={`/app/followup/${encodeURIComponent(r.nationalId)}`}>{r.title}</Link>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.programme}
                        {r.fieldCode ? ` · ${fieldName(r.fieldCode)}` : ''}
                      </Typography.Text>
                    </div>
                  </>
                ),
              },
              {
                title: t('followup.gzUnits'),
                key: 'units',
                width: 260,
                render: (_, r) =>
                  r.guangzhouUnits.map((u) => (
                    <div key={u.position}>
                      <Tag color={u.role === 'lead' ? 'blue' : 'default'}>{t(`followup.role.${u.role}`)}</Tag>
                      {u.orgName ?? u.name}
                    </div>
                  )),
              },
              {
                title: t('followup.period'),
                key: 'period',
                width: 200,
                render: (_, r) => `${r.startDate ?? '—'} — ${r.endDate ?? '—'}`,
              },
              {
                title: t('followup.status'),
                dataIndex: 'status',
                width: 150,
                render: (v: NationalProjectStatus) => <StatusTag status={v} />,
              },
              {
                title: t('followup.outputs'),
                key: 'outputs',
                width: 160,
                render: (_, r) =>
                  r.outputs === 0 ? (
                    <Typography.Text type="secondary">0</Typography.Text>
                  ) : (
                    <Space size={[4, 4]} wrap>
                      {FOLLOWUP_OUTPUT_TYPES.filter((k) => r.outputsByType[k]).map((k) => (
                        <Tag key={k} color="green">
                          {t(`followup.outputType.${k}`)} {r.outputsByType[k]}
                        </Tag>
                      ))}
                    </Space>
                  ),
              },
              {
                title: t('followup.nextMilestone'),
                key: 'next',
                width: 200,
                render: (_, r) =>
                  r.nextMilestone ? (
                    <>
                      <div>{r.nextMilestone.title}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.nextMilestone.occurredOn}
                      </Typography.Text>
                    </>
                  ) : (
                    <Typography.Text type="secondary">{t('followup.none')}</Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
