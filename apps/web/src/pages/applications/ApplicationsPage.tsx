import { useState } from 'react';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Empty,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { Link } from 'react-router-dom';
import {
  APPLICATION_STATES,
  APPLICATION_STATE_LABELS,
  TRACKS,
  formatWan,
  topField,
  type ApplicationState,
  type ApplicationSummary,
  type Track,
} from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePaging } from '../../hooks/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { applicationsApi } from './api';
import { StatusTag, TrackTag, formatInstant } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

function useColumns(showOrg: boolean) {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  return [
    {
      title: t('applications.list.title'),
      key: 'title',
      render: (_: unknown, r: ApplicationSummary) => (
        <Link to={`/app/applications/${r.id}`} data-testid={`application-link-${r.id}`}>
          {r.title?.trim() || t('applications.untitled')}
        </Link>
      ),
    },
    ...(showOrg ? [{ title: t('applications.list.org'), dataIndex: 'orgName', key: 'org' }] : []),
    { title: t('applications.list.call'), dataIndex: 'callTitleZh', key: 'call' },
    { title: t('applications.track'), key: 'track', render: (_: unknown, r: ApplicationSummary) => <TrackTag track={r.track} /> },
    { title: t('applications.list.field'), dataIndex: 'fieldCode', key: 'field', render: (v: string | null) => fieldName(v) },
    {
      title: t('applications.list.cityFunds'),
      dataIndex: 'cityFunds',
      key: 'cityFunds',
      render: (v: number | null) => (v === null ? '—' : formatWan(v, lang)),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_: unknown, r: ApplicationSummary) => (
        <Space size={4}>
          <StatusTag status={r.status} />
          {r.round > 1 && <Tag>{t('applications.round', { n: r.round })}</Tag>}
        </Space>
      ),
    },
    {
      title: t('applications.list.updatedAt'),
      key: 'updatedAt',
      render: (_: unknown, r: ApplicationSummary) => formatInstant(r.submittedAt ?? r.updatedAt),
    },
  ];
}

/** The unit's own applications. */
function MineTab() {
  const { t } = useI18n();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useApi(() => applicationsApi.list({ page, pageSize }), [page, pageSize]);
  const columns = useColumns(false);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Table<ApplicationSummary>
      rowKey="id"
      loading={loading}
      dataSource={data?.items ?? []}
      pagination={pagination(data?.total)}
      columns={columns}
      locale={{
        emptyText: (
          <Empty description={t('applications.list.noneMine')}>
            <Link to="/calls">
              <Button type="primary">{t('applications.list.browseCalls')}</Button>
            </Link>
          </Empty>
        ),
      }}
      data-testid="my-applications"
    />
  );
}

/** Applications that name the unit as a participating unit: confirm or decline. */
function ParticipationsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useApi(() => applicationsApi.list({ page, pageSize, participating: 'true' }), [page, pageSize]);
  const [declining, setDeclining] = useState<ApplicationSummary | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const columns = useColumns(true);
  async function decide(id: string, decision: 'confirm' | 'decline', why?: string) {
    setBusy(`${decision}-${id}`);
    try {
      await applicationsApi.confirmUnit(id, { decision, reason: why?.trim() || undefined });
      message.success(t(`applications.participation.done.${decision}`));
      setDeclining(null);
      setReason('');
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('applications.participation.listHelp')}</Typography.Paragraph>
      <Table<ApplicationSummary>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={pagination(data?.total)}
        locale={{ emptyText: t('applications.participation.none') }}
        data-testid="participations"
        columns={[
          ...columns,
          {
            title: t('applications.participation.mine'),
            key: 'participation',
            render: (_, r) =>
              r.participation === 'confirmed' ? (
                <Tag color="success">{t('applications.units.confirmed')}</Tag>
              ) : r.participation === 'declined' ? (
                <Tag color="error">{t('applications.units.declined')}</Tag>
              ) : (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    loading={busy === `confirm-${r.id}`}
                    onClick={() => void decide(r.id, 'confirm')}
                    data-testid={`unit-confirm-${r.id}`}
                  >
                    {t('applications.participation.confirm')}
                  </Button>
                  <Button size="small" danger onClick={() => setDeclining(r)} data-testid={`unit-decline-${r.id}`}>
                    {t('applications.participation.decline')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={declining !== null}
        title={t('applications.participation.declineTitle')}
        okText={t('applications.participation.decline')}
        cancelText={t('common.cancel')}
        okButtonProps={
          {
            danger: true,
            loading: declining !== null && busy === `decline-${declining.id}`,
            'data-testid': 'unit-decline-confirm',
          } as ButtonProps
        }
        onCancel={() => setDeclining(null)}
        onOk={() => declining && decide(declining.id, 'decline', reason)}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          placeholder={t('applications.participation.reason')}
          data-testid="unit-decline-reason"
        />
      </Modal>
    </>
  );
}

/** Officers: every application, filtered by call, track, status and field; grouped by field for 3.2.g. */
function OfficerList() {
  const { t, tx, lang, nameOf } = useI18n();
  const [callId, setCallId] = useState<string | undefined>();
  const [track, setTrack] = useState<Track | undefined>();
  const [status, setStatus] = useState<ApplicationState | undefined>();
  const [fieldCode, setFieldCode] = useState<string | undefined>();
  const [grouped, setGrouped] = useState(false);
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const calls = useApi(() => applicationsApi.calls(), []);
  const fields = useApi(() => endpoints.fields(), []);
  const { data, error, loading, reload } = useApi(
    () => applicationsApi.list({ callId, track, status, fieldCode, page: grouped ? 1 : page, pageSize: grouped ? 200 : pageSize }),
    [callId, track, status, fieldCode, page, pageSize, grouped],
  );
  const columns = useColumns(true);
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const fieldLabel = (code: string) => {
    const f = (fields.data ?? []).find((x) => x.code === code);
    return f ? `${code} ${nameOf(f)}` : code;
  };
  const items = data?.items ?? [];
  const groups = new Map<string, ApplicationSummary[]>();
  if (grouped)
    for (const a of items) {
      const k = a.fieldCode ? topField(a.fieldCode) : '';
      groups.set(k, [...(groups.get(k) ?? []), a]);
    }
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('applications.list.call')}
          aria-label={t('applications.list.call')}
          style={{ width: 260 }}
          value={callId}
          onChange={reset(setCallId)}
          loading={calls.loading}
          options={(calls.data ?? []).map((c) => ({ value: c.id, label: lang === 'en' && c.titleEn ? c.titleEn : c.titleZh }))}
          data-testid="filter-call"
        />
        <Select
          allowClear
          placeholder={t('applications.track')}
          aria-label={t('applications.track')}
          style={{ width: 200 }}
          value={track}
          onChange={reset(setTrack)}
          options={TRACKS.map((tr) => ({ value: tr, label: t(`applications.trackShort.${tr}`) }))}
          data-testid="filter-track"
        />
        <Select
          allowClear
          placeholder={t('common.status')}
          aria-label={t('common.status')}
          style={{ width: 220 }}
          value={status}
          onChange={reset(setStatus)}
          options={APPLICATION_STATES.map((s) => ({ value: s, label: tx(APPLICATION_STATE_LABELS[s]) }))}
          data-testid="filter-status"
        />
        <TreeSelect
          allowClear
          placeholder={t('applications.list.field')}
          aria-label={t('applications.list.field')}
          style={{ width: 240 }}
          value={fieldCode}
          onChange={(v) => reset(setFieldCode)((v as string | undefined) ?? undefined)}
          treeData={(fields.data ?? []).map((f) => ({
            value: f.code,
            title: `${f.code} ${nameOf(f)}`,
            children: f.directions.map((d) => ({ value: d.code, title: `${d.code} ${nameOf(d)}` })),
          }))}
          data-testid="filter-field"
        />
        <Space>
          <Switch checked={grouped} onChange={setGrouped} data-testid="group-by-field" aria-label={t('applications.list.groupByField')} />
          <Typography.Text>{t('applications.list.groupByField')}</Typography.Text>
        </Space>
      </Space>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : grouped ? (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="field-groups">
          {items.length === 0 && <Empty description={t('common.empty')} />}
          {[...groups.entries()]
            .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
            .map(([code, rows]) => (
              <Card
                key={code || 'none'}
                size="small"
                title={
                  <Space>
                    {code ? fieldLabel(code) : t('applications.list.noField')}
                    <Tag>{t('common.total', { n: rows.length })}</Tag>
                  </Space>
                }
                data-testid={`field-group-${code || 'none'}`}
              >
                <Table<ApplicationSummary> rowKey="id" size="small" pagination={false} dataSource={rows} columns={columns} />
              </Card>
            ))}
          {data && data.total > items.length && (
            <Typography.Text type="secondary">
              {t('applications.list.groupTruncated', { n: items.length, total: data.total })}
            </Typography.Text>
          )}
        </Space>
      ) : (
        <Table<ApplicationSummary>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={pagination(data?.total)}
          columns={columns}
          data-testid="all-applications"
        />
      )}
    </div>
  );
}

/** /app/applications: the unit's applications and participations, or every application for officers. */
export function ApplicationsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const officer = hasRole('officer');
  const unit = hasRole('unit_admin', 'unit_member', 'chain_leader');
  return (
    <div data-testid="applications-page">
      <PageHeader
        title={officer && !unit ? t('applications.list.allTitle') : t('applications.list.mineTitle')}
        extra={
          unit ? (
            <Link to="/calls">
              <Button type="primary" data-testid="browse-calls">
                {t('applications.list.browseCalls')}
              </Button>
            </Link>
          ) : undefined
        }
      />
      <Card>
        {unit ? (
          <Tabs
            items={[
              { key: 'mine', label: <span data-testid="tab-mine">{t('applications.list.tabMine')}</span>, children: <MineTab /> },
              {
                key: 'participating',
                label: <span data-testid="tab-participating">{t('applications.list.tabParticipating')}</span>,
                children: <ParticipationsTab />,
              },
              ...(officer
                ? [{ key: 'all', label: <span data-testid="tab-all">{t('applications.list.allTitle')}</span>, children: <OfficerList /> }]
                : []),
            ]}
          />
        ) : (
          <OfficerList />
        )}
      </Card>
    </div>
  );
}
