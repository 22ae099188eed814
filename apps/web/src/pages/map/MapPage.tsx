import { Suspense, lazy, useState } from 'react';
import { Button, Card, Col, Empty, Flex, InputNumber, Row, Segmented, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { GUANGZHOU_CODE, GUANGZHOU_DISTRICTS, REGIONS, formatWan, regionLabel } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import {
  mapApi,
  type AttractionCandidate,
  type BackfillCandidate,
  type Evidence,
  type MapFilters,
  type MapSummary,
  type MapView,
  type RecordKind,
} from './api';
import { useFieldName } from '../../hooks/useFieldName';

// The charts (and ECharts) load on their own, after the page and its tables.
const FieldChainChart = lazy(() => import('./Charts').then((m) => ({ default: m.FieldChainChart })));
const RegionChart = lazy(() => import('./Charts').then((m) => ({ default: m.RegionChart })));
const YearChart = lazy(() => import('./Charts').then((m) => ({ default: m.YearChart })));
const NetworkChart = lazy(() => import('./Charts').then((m) => ({ default: m.NetworkChart })));

const ORG_TYPES = ['enterprise', 'university', 'research_institute', 'medical_institution', 'other'] as const;
const YEARS = Array.from({ length: dayjs().year() - 2014 }, (_, i) => dayjs().year() - i);

function useOrgType() {
  const { t } = useI18n();
  return (type: string | null) =>
    type && (ORG_TYPES as readonly string[]).includes(type) ? t(`map.orgType.${type}` as MessageKey) : (type ?? '—');
}

function ExportButton({ view, filters, testId }: { view: MapView; filters: object; testId: string }) {
  const { t } = useI18n();
  return (
    <Button size="small" icon={<DownloadOutlined />} href={mapApi.exportUrl(view, filters)} download data-testid={testId}>
      {t('map.export')}
    </Button>
  );
}

function ChartFallback() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 260 }}>
      <Spin />
    </Flex>
  );
}

/** /app/map: the map of enterprises and talent teams undertaking national key projects (4.2.c). */
export function MapPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<MapFilters>({});
  const set = (patch: Partial<MapFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const summary = useApi(() => mapApi.summary(filters), [filters]);
  const options = summary.data?.options;

  return (
    <div data-testid="map-page">
      <PageHeader
        title={
          <Space>
            {t('map.title')}
            <Tag color="geekblue">4.2.c</Tag>
          </Space>
        }
        extra={<ExportButton view="summary" filters={filters} testId="map-export" />}
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="map-filters">
        <Flex wrap gap={8} align="center">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('map.filter.field')}
            aria-label={t('map.filter.field')}
            value={filters.field}
            onChange={(v: string | undefined) => set({ field: v })}
            options={(options?.fields ?? []).map((f) => ({ value: f.code, label: `${f.code} ${lang === 'zh' ? f.nameZh : f.nameEn}` }))}
            style={{ width: 240 }}
            data-testid="map-filter-field"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('map.filter.chain')}
            aria-label={t('map.filter.chain')}
            value={filters.chain}
            onChange={(v: string | undefined) => set({ chain: v })}
            options={(options?.chains ?? []).map((c) => ({ value: c.code, label: `${c.code} ${lang === 'zh' ? c.nameZh : c.nameEn}` }))}
            style={{ width: 240 }}
            data-testid="map-filter-chain"
          />
          <RegionFilter value={filters.region} onChange={(region) => set({ region })} />
          <Select
            allowClear
            placeholder={t('map.filter.yearFrom')}
            aria-label={t('map.filter.yearFrom')}
            value={filters.yearFrom}
            onChange={(v: number | undefined) => set({ yearFrom: v })}
            options={YEARS.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 120 }}
            data-testid="map-filter-year-from"
          />
          <Select
            allowClear
            placeholder={t('map.filter.yearTo')}
            aria-label={t('map.filter.yearTo')}
            value={filters.yearTo}
            onChange={(v: number | undefined) => set({ yearTo: v })}
            options={YEARS.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 120 }}
            data-testid="map-filter-year-to"
          />
          <Select<RecordKind>
            allowClear
            placeholder={t('map.filter.kind')}
            aria-label={t('map.filter.kind')}
            value={filters.kind}
            onChange={(v) => set({ kind: v })}
            options={[
              { value: 'application', label: t('map.applications') },
              { value: 'project', label: t('map.projects') },
            ]}
            style={{ width: 130 }}
            data-testid="map-filter-kind"
          />
          <Button onClick={() => setFilters({})} data-testid="map-filter-reset">
            {t('map.filter.reset')}
          </Button>
        </Flex>
      </Card>
      {summary.error ? (
        <LoadError error={summary.error} onRetry={summary.reload} />
      ) : (
        <Spin spinning={summary.loading}>
          {summary.data ? <SummarySection summary={summary.data} /> : <div style={{ minHeight: 200 }} />}
        </Spin>
      )}
      <NetworkSection filters={filters} />
      <AttractionSection filters={filters} />
      <BackfillSection filters={filters} />
    </div>
  );
}

function RegionFilter({ value, onChange }: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t, lang } = useI18n();
  const gz = [GUANGZHOU_CODE, ...GUANGZHOU_DISTRICTS.map((d) => d.code)];
  const provinces = REGIONS.filter((r) => r.level === 'province').map((r) => r.code);
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={t('map.filter.region')}
      aria-label={t('map.filter.region')}
      value={value}
      onChange={onChange}
      options={[
        { label: t('map.inGuangzhou'), options: gz.map((c) => ({ value: c, label: regionLabel(c, lang) })) },
        { label: t('map.provinces'), options: provinces.map((c) => ({ value: c, label: regionLabel(c, lang) })) },
      ]}
      style={{ width: 220 }}
      data-testid="map-filter-region"
    />
  );
}

function SummarySection({ summary }: { summary: MapSummary }) {
  const { t, lang } = useI18n();
  const orgType = useOrgType();
  const [by, setBy] = useState<'field' | 'chain'>('field');
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="map-totals">
        <Col xs={12} md={5}>
          <Statistic title={t('map.applications')} value={summary.totals.applications} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('map.approved')} value={summary.totals.approved} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('map.projects')} value={summary.totals.projects} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('map.units')} value={summary.totals.units} />
        </Col>
        <Col xs={24} md={5}>
          <Statistic title={t('map.budget')} value={formatWan(summary.totals.budget, lang)} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            style={{ marginBottom: 16 }}
            title={t('map.chart.fieldChain')}
            extra={
              <Segmented
                size="small"
                value={by}
                onChange={(v) => setBy(v as 'field' | 'chain')}
                options={[
                  { value: 'field', label: t('map.byField') },
                  { value: 'chain', label: t('map.byChain') },
                ]}
                data-testid="map-chart-field-by"
              />
            }
          >
            <Suspense fallback={<ChartFallback />}>
              <FieldChainChart summary={summary} by={by} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" style={{ marginBottom: 16 }} title={t('map.chart.region')}>
            <Suspense fallback={<ChartFallback />}>
              <RegionChart summary={summary} />
            </Suspense>
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginBottom: 16 }} title={t('map.chart.year')}>
        <Suspense fallback={<ChartFallback />}>
          <YearChart summary={summary} />
        </Suspense>
      </Card>
      <Card size="small" style={{ marginBottom: 16 }} title={t('map.topUnits')}>
        <Table
          size="small"
          rowKey="key"
          dataSource={summary.topUnits}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: t('common.empty') }}
          data-testid="map-table-units"
          scroll={{ x: 900 }}
          columns={[
            { title: t('map.unit'), key: 'name', render: (_, u) => <UnitCell name={u.name} uscc={u.uscc} linked={!!u.orgId} /> },
            { title: t('map.region'), key: 'region', render: (_, u) => (u.regionCode ? regionLabel(u.regionCode, lang) : '—') },
            { title: t('map.orgTypeLabel'), key: 'type', render: (_, u) => orgType(u.orgType) },
            { title: t('map.leads'), dataIndex: 'leads', align: 'right' },
            { title: t('map.participations'), dataIndex: 'participations', align: 'right' },
            { title: t('map.approved'), dataIndex: 'approved', align: 'right' },
            { title: t('map.budgetLed'), dataIndex: 'budget', align: 'right', render: (v: number) => formatWan(v, lang) },
          ]}
        />
      </Card>
    </>
  );
}

function UnitCell({ name, uscc, linked }: { name: string; uscc: string | null; linked: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <div>
        {name} {linked && <Tag color="blue">{t('map.linked')}</Tag>}
      </div>
      {uscc && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {uscc}
        </Typography.Text>
      )}
    </>
  );
}

function NetworkSection({ filters }: { filters: MapFilters }) {
  const { t } = useI18n();
  const [edges, setEdges] = useState(100);
  const { data, error, loading, reload } = useApi(() => mapApi.network(filters, edges), [filters, edges]);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={t('map.network')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('map.network.edges')}</Typography.Text>
          <InputNumber
            size="small"
            min={10}
            max={500}
            step={10}
            value={edges}
            onChange={(v) => setEdges(v ?? 100)}
            aria-label={t('map.network.edges')}
            data-testid="map-network-edges"
          />
          <ExportButton view="network" filters={{ ...filters, edges }} testId="map-export-network" />
        </Space>
      }
    >
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Spin spinning={loading}>
          {data && data.edges.length > 0 ? (
            <>
              <Typography.Text type="secondary">
                {t('map.network.shown', { shown: data.edges.length, total: data.totalEdges })}
              </Typography.Text>
              <Suspense fallback={<ChartFallback />}>
                <NetworkChart network={data} />
              </Suspense>
            </>
          ) : (
            <div data-testid="map-chart-network">
              <Empty description={t('common.empty')} />
            </div>
          )}
        </Spin>
      )}
    </Card>
  );
}

function outcomeLabel(e: Evidence, t: ReturnType<typeof useI18n>['t']) {
  if (e.kind === 'project') return t('map.evidence.project');
  if (e.outcome === 'approved') return t('map.evidence.approved');
  if (e.stage === 'final_defence') return t('map.evidence.finalDefence');
  return t('map.evidence.notApproved');
}

function EvidenceTable({ c }: { c: AttractionCandidate }) {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  return (
    <div data-testid={`map-evidence-${c.rank}`}>
      {c.people.length > 0 && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('map.keyPeople')}：</Typography.Text>
          {c.people.join('、')}
        </Typography.Paragraph>
      )}
      <Table<Evidence>
        size="small"
        rowKey={(e) => `${e.kind}-${e.nationalId}`}
        dataSource={c.evidence}
        pagination={false}
        columns={[
          {
            title: t('map.evidence.nationalId'),
            dataIndex: 'nationalId',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          { title: t('map.year'), dataIndex: 'year', width: 70 },
          { title: t('map.evidence.title'), dataIndex: 'title' },
          { title: t('map.field'), dataIndex: 'fieldCode', width: 160, render: (v: string | null) => fieldName(v) },
          {
            title: t('map.evidence.role'),
            dataIndex: 'role',
            render: (v: 'lead' | 'participant') => t(v === 'lead' ? 'map.role.lead' : 'map.role.participant'),
          },
          { title: t('map.evidence.outcome'), key: 'outcome', render: (_, e) => outcomeLabel(e, t) },
          {
            title: t('map.budget'),
            dataIndex: 'budget',
            align: 'right',
            render: (v: number, e) => (e.kind === 'project' ? formatWan(v, lang) : '—'),
          },
          { title: t('map.evidence.points'), dataIndex: 'points', align: 'right' },
        ]}
      />
      {c.records > c.evidence.length && (
        <Typography.Text type="secondary">{t('map.evidence.more', { shown: c.evidence.length, total: c.records })}</Typography.Text>
      )}
    </div>
  );
}

function AttractionSection({ filters }: { filters: MapFilters }) {
  const { t, lang } = useI18n();
  const orgType = useOrgType();
  const f = { chain: filters.chain, field: filters.field, yearFrom: filters.yearFrom, yearTo: filters.yearTo };
  const { data, error, loading, reload } = useApi(() => mapApi.attraction(f), [f.chain, f.field, f.yearFrom, f.yearTo]);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={t('map.attraction')}
      extra={<ExportButton view="attraction" filters={f} testId="map-export-attraction" />}
    >
      <Typography.Paragraph type="secondary">
        {t('map.attraction.hint')}
        {data && <> {t('map.attraction.fields', { fields: data.fieldCodes.join(', ') || '—', year: data.refYear })}</>}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="map-attraction-formula">
        {t('map.attraction.formula')}
      </Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<AttractionCandidate>
          size="small"
          rowKey="key"
          loading={loading}
          dataSource={data?.candidates ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: t('common.empty') }}
          data-testid="map-table-attraction"
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (c) => <EvidenceTable c={c} /> }}
          columns={[
            { title: t('map.rank'), dataIndex: 'rank', width: 60 },
            { title: t('map.unit'), key: 'name', render: (_, c) => <UnitCell name={c.name} uscc={c.uscc} linked={!!c.orgId} /> },
            { title: t('map.region'), key: 'region', render: (_, c) => (c.regionCode ? regionLabel(c.regionCode, lang) : '—') },
            { title: t('map.orgTypeLabel'), key: 'type', render: (_, c) => orgType(c.orgType) },
            {
              title: t('map.score'),
              dataIndex: 'score',
              align: 'right',
              render: (v: number) => <Typography.Text strong>{v.toFixed(2)}</Typography.Text>,
            },
            { title: t('map.projectsLedJoined'), key: 'p', align: 'right', render: (_, c) => `${c.projectsLed} / ${c.projectsJoined}` },
            {
              title: t('map.applicationsLedJoined'),
              key: 'a',
              align: 'right',
              render: (_, c) => `${c.applicationsLed} / ${c.applicationsJoined}`,
            },
            { title: t('map.approved'), dataIndex: 'approved', align: 'right' },
            { title: t('map.budgetLed'), dataIndex: 'budgetLed', align: 'right', render: (v: number) => formatWan(v, lang) },
            { title: t('map.keyPeople'), dataIndex: 'keyPeople', align: 'right' },
            { title: t('map.lastYear'), dataIndex: 'lastYear', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

function BackfillSection({ filters }: { filters: MapFilters }) {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  const orgType = useOrgType();
  const [year, setYear] = useState(dayjs().year() - 1);
  const f = { year, field: filters.field, chain: filters.chain };
  const { data, error, loading, reload } = useApi(() => mapApi.backfill(f), [year, f.field, f.chain]);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={t('map.backfill')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('map.backfill.year')}</Typography.Text>
          <InputNumber
            size="small"
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => v && setYear(v)}
            aria-label={t('map.backfill.year')}
            data-testid="map-backfill-year"
          />
          <ExportButton view="backfill" filters={f} testId="map-export-backfill" />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('map.backfill.hint')}</Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<BackfillCandidate>
          size="small"
          rowKey="key"
          loading={loading}
          dataSource={data?.candidates ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: t('common.empty') }}
          data-testid="map-table-backfill"
          scroll={{ x: 900 }}
          expandable={{
            expandedRowRender: (c) => (
              <Table
                size="small"
                rowKey="nationalId"
                dataSource={c.records}
                pagination={false}
                columns={[
                  {
                    title: t('map.evidence.nationalId'),
                    dataIndex: 'nationalId',
                    render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                  },
                  { title: t('map.evidence.title'), dataIndex: 'title' },
                  { title: t('map.programme'), dataIndex: 'programme' },
                  { title: t('map.direction'), dataIndex: 'direction' },
                  { title: t('map.field'), dataIndex: 'fieldCode', render: (v: string | null) => fieldName(v) },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('map.unit'), key: 'name', render: (_, c) => <UnitCell name={c.name} uscc={c.uscc} linked={!!c.orgId} /> },
            { title: t('map.region'), key: 'region', render: (_, c) => (c.regionCode ? regionLabel(c.regionCode, lang) : '—') },
            { title: t('map.orgTypeLabel'), key: 'type', render: (_, c) => orgType(c.orgType) },
            {
              title: t('map.backfill.eligibleType'),
              dataIndex: 'eligibleType',
              render: (v: boolean | null) =>
                v === null ? '—' : <Tag color={v ? 'green' : 'orange'}>{t(v ? 'map.backfill.typeOk' : 'map.backfill.typeNo')}</Tag>,
            },
            { title: t('map.backfill.records'), key: 'n', align: 'right', render: (_, c) => c.records.length },
          ]}
        />
      )}
    </Card>
  );
}
