import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Drawer, Empty, Input, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePaging } from '../../hooks/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { formatInstant } from '../applications/shared';
import { auditApi, type AuditChange, type AuditEventOut, type AuditFilter, type SecurityEventView, type SecurityFilter } from './api';
import { actionLabel, entityLabel, PROBLEM_LABELS, securityKindLabel } from './labels';

type Range = [Dayjs | null, Dayjs | null] | null;

/** A range picker's value as the API's from (inclusive) and to (exclusive) instants. */
function rangeQuery(range: Range): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (range?.[0]) out.from = range[0].toISOString();
  if (range?.[1]) out.to = range[1].toISOString();
  return out;
}

/** A recorded value as text: strings as they are, anything else as compact JSON. */
function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function ChangesTable({ changes }: { changes: AuditChange[] }) {
  const { t } = useI18n();
  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.changes.none')}</Typography.Text>;
  return (
    <Table<AuditChange>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={changes}
      columns={[
        { title: t('audit.changes.field'), dataIndex: 'key', width: 180, render: (k: string) => k || t('audit.changes.value') },
        {
          title: t('audit.changes.before'),
          key: 'before',
          render: (_, c) => <span className="rd-audit-value">{valueText(c.before)}</span>,
        },
        { title: t('audit.changes.after'), key: 'after', render: (_, c) => <span className="rd-audit-value">{valueText(c.after)}</span> },
      ]}
    />
  );
}

function useActorName() {
  const { t } = useI18n();
  return (label: string) => (label.startsWith('system:') ? t('audit.system') : label === 'public' ? t('audit.anonymous') : label);
}

/** The chain's verification, run when the page opens and on demand. */
function Verification() {
  const { t, tx } = useI18n();
  const { data, error, loading, reload } = useApi(() => auditApi.verification(), []);
  const again = (
    <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} data-testid="audit-verify-again">
      {t('audit.verify.again')}
    </Button>
  );
  return (
    <Card
      size="small"
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('audit.verify.title')}
        </Space>
      }
      extra={again}
      style={{ marginBottom: 16 }}
      data-testid="audit-verification"
    >
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <Typography.Text type="secondary">{t('audit.verify.running')}</Typography.Text>
      ) : !data.available ? (
        <Alert type="info" showIcon title={t('audit.verify.unavailable')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type={data.ok ? 'success' : 'error'}
            showIcon
            data-testid={data.ok ? 'audit-chain-ok' : 'audit-chain-bad'}
            title={data.ok ? t('audit.verify.ok', { events: data.events }) : t('audit.verify.bad', { n: data.problemCount })}
            description={
              data.problems.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {data.problems.map((p) => (
                    <li key={`${p.problem}-${p.seq}`}>
                      {t('audit.verify.problemAt', {
                        seq: p.seq,
                        problem: PROBLEM_LABELS[p.problem] ? tx(PROBLEM_LABELS[p.problem]!) : p.problem,
                      })}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
          <Typography.Text type="secondary">
            {data.anchoredSeq !== null ? t('audit.verify.anchored', { seq: data.anchoredSeq }) : t('audit.verify.notAnchored')}{' '}
            {t('audit.verify.checkedAt', { at: formatInstant(data.checkedAt, true) })}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}

/** One record's whole history, oldest first, each event with its changes. */
function HistoryDrawer({ entity, onClose }: { entity: { type: string; id: string } | null; onClose: () => void }) {
  const { t, tx } = useI18n();
  const actorName = useActorName();
  const { data, error, loading, reload } = useApi(
    () => (entity ? auditApi.history(entity.type, entity.id) : Promise.resolve(null)),
    [entity?.type, entity?.id],
  );
  return (
    <Drawer
      open={!!entity}
      size="large"
      onClose={onClose}
      title={entity ? t('audit.history.title', { entity: `${tx(entityLabel(entity.type))} ${entity.id}` }) : ''}
      destroyOnHidden
    >
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading || !data ? null : data.items.length === 0 ? (
        <Empty description={t('audit.history.empty')} />
      ) : (
        <div data-testid="audit-history">
          {data.truncated && <Alert type="info" showIcon title={t('audit.history.truncated')} style={{ marginBottom: 12 }} />}
          <Timeline
            items={data.items.map((e) => ({
              key: e.seq,
              content: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Typography.Text strong>{tx(actionLabel(e.action))}</Typography.Text>
                  <Typography.Text type="secondary">
                    {formatInstant(e.at, true)} · {actorName(e.actorLabel)}
                  </Typography.Text>
                  {e.reason && (
                    <Typography.Text>
                      {t('audit.col.reason')}：{e.reason}
                    </Typography.Text>
                  )}
                  <ChangesTable changes={e.changes} />
                </Space>
              ),
            }))}
          />
        </div>
      )}
    </Drawer>
  );
}

function AuditEventsTab() {
  const { t, tx } = useI18n();
  const actorName = useActorName();
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const facets = useApi(() => auditApi.facets(), []);
  const [draft, setDraft] = useState<AuditFilter & { range: Range }>({ range: null });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [entity, setEntity] = useState<{ type: string; id: string } | null>(null);
  const { data, error, loading, reload } = useApi(() => auditApi.events({ ...filter, page, pageSize }), [filter, page, pageSize]);
  const apply = () => {
    const { range, ...rest } = draft;
    setFilter({ ...rest, ...rangeQuery(range) });
    setPage(1);
  };
  const reset = () => {
    setDraft({ range: null });
    setFilter({});
    setPage(1);
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }} data-testid="audit-filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 180 }}
          aria-label={t('audit.filter.entityType')}
          placeholder={t('audit.filter.entityType')}
          value={draft.entityType}
          onChange={(v?: string) => setDraft({ ...draft, entityType: v })}
          options={(facets.data?.entityTypes ?? []).map((v) => ({ value: v, label: tx(entityLabel(v)) }))}
          data-testid="audit-filter-entity-type"
        />
        <Input
          allowClear
          style={{ width: 280 }}
          aria-label={t('audit.filter.entityId')}
          placeholder={t('audit.filter.entityId')}
          value={draft.entityId ?? ''}
          onChange={(e) => setDraft({ ...draft, entityId: e.target.value.trim() || undefined })}
          data-testid="audit-filter-entity-id"
        />
        <Input
          allowClear
          style={{ width: 220 }}
          aria-label={t('audit.filter.actor')}
          placeholder={t('audit.filter.actor')}
          value={draft.actor ?? ''}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value.trim() || undefined })}
          data-testid="audit-filter-actor"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 260 }}
          aria-label={t('audit.filter.action')}
          placeholder={t('audit.filter.action')}
          value={draft.action}
          onChange={(v?: string) => setDraft({ ...draft, action: v })}
          options={(facets.data?.actions ?? []).map((v) => ({ value: v, label: tx(actionLabel(v)) }))}
          data-testid="audit-filter-action"
        />
        <DatePicker.RangePicker
          showTime
          aria-label={t('audit.filter.time')}
          placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
          value={draft.range}
          onChange={(v) => setDraft({ ...draft, range: v as Range })}
        />
        <Button type="primary" onClick={apply} data-testid="audit-search">
          {t('audit.filter.search')}
        </Button>
        <Button onClick={reset}>{t('audit.filter.reset')}</Button>
      </Space>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<AuditEventOut>
          rowKey="seq"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={pagination(data?.total)}
          locale={{ emptyText: t('audit.empty') }}
          data-testid="audit-events"
          expandable={{ expandedRowRender: (e) => <ChangesTable changes={e.changes} />, rowExpandable: (e) => e.changes.length > 0 }}
          columns={[
            { title: t('audit.col.at'), dataIndex: 'at', width: 170, render: (v: string) => formatInstant(v, true) },
            { title: t('audit.col.actor'), dataIndex: 'actorLabel', width: 220, render: (v: string) => actorName(v) },
            { title: t('audit.col.action'), dataIndex: 'action', render: (v: string) => tx(actionLabel(v)) },
            {
              title: t('audit.col.entity'),
              key: 'entity',
              render: (_, e) =>
                e.entityId ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                    title={t('audit.history')}
                    onClick={() => setEntity({ type: e.entityType, id: e.entityId! })}
                    data-testid={`audit-entity-${e.seq}`}
                  >
                    {tx(entityLabel(e.entityType))} {e.entityId}
                  </Button>
                ) : (
                  tx(entityLabel(e.entityType))
                ),
            },
            { title: t('audit.col.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            {
              title: t('audit.col.changes'),
              key: 'changes',
              width: 100,
              render: (_, e) => (e.changes.length ? <Tag>{t('audit.changes.count', { n: e.changes.length })}</Tag> : '—'),
            },
          ]}
        />
      )}
      <HistoryDrawer entity={entity} onClose={() => setEntity(null)} />
    </>
  );
}

function SecurityEventsTab() {
  const { t, tx } = useI18n();
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const facets = useApi(() => auditApi.facets(), []);
  const [draft, setDraft] = useState<SecurityFilter & { range: Range }>({ range: null });
  const [filter, setFilter] = useState<SecurityFilter>({});
  const { data, error, loading, reload } = useApi(() => auditApi.security({ ...filter, page, pageSize }), [filter, page, pageSize]);
  const apply = () => {
    const { range, ...rest } = draft;
    setFilter({ ...rest, ...rangeQuery(range) });
    setPage(1);
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 260 }}
          aria-label={t('audit.filter.kind')}
          placeholder={t('audit.filter.kind')}
          value={draft.kind}
          onChange={(v?: string) => setDraft({ ...draft, kind: v })}
          options={(facets.data?.securityKinds ?? []).map((v) => ({ value: v, label: tx(securityKindLabel(v)) }))}
          data-testid="security-filter-kind"
        />
        <Input
          allowClear
          style={{ width: 220 }}
          aria-label={t('audit.filter.user')}
          placeholder={t('audit.filter.user')}
          value={draft.user ?? ''}
          onChange={(e) => setDraft({ ...draft, user: e.target.value.trim() || undefined })}
        />
        <DatePicker.RangePicker
          showTime
          aria-label={t('audit.filter.time')}
          placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
          value={draft.range}
          onChange={(v) => setDraft({ ...draft, range: v as Range })}
        />
        <Button type="primary" onClick={apply} data-testid="security-search">
          {t('audit.filter.search')}
        </Button>
      </Space>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<SecurityEventView>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={pagination(data?.total)}
          locale={{ emptyText: t('audit.empty') }}
          data-testid="security-events"
          columns={[
            { title: t('audit.col.at'), dataIndex: 'at', width: 170, render: (v: string) => formatInstant(v, true) },
            { title: t('audit.col.kind'), dataIndex: 'kind', render: (v: string) => tx(securityKindLabel(v)) },
            { title: t('audit.col.user'), dataIndex: 'userEmail', render: (v: string | null) => v ?? t('audit.anonymous') },
            {
              title: t('audit.col.request'),
              key: 'request',
              render: (_, e) => <span className="rd-audit-value">{[e.method, e.url].filter(Boolean).join(' ') || '—'}</span>,
            },
            { title: t('audit.col.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
    </>
  );
}

/** The administrators' audit page: the chain's verification, audit events with histories, security events. */
export function AuditPage() {
  const { t } = useI18n();
  return (
    <div data-testid="audit-page">
      <PageHeader title={t('audit.title')} />
      <Verification />
      <Card size="small">
        <Tabs
          items={[
            { key: 'events', label: t('audit.tab.events'), children: <AuditEventsTab /> },
            { key: 'security', label: t('audit.tab.security'), children: <SecurityEventsTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
