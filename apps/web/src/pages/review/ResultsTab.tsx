import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type ButtonProps,
} from 'antd';
import { EditOutlined, WarningOutlined } from '@ant-design/icons';
import { RECOMMENDATIONS, type ResultRowOut, type ResultsOut, type ReviewOut } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewApi, type PanelBody, type Recommendation } from './api';
import { RefusalAlert, fieldErrorsOf, fmt, formatInstant, key } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

type Grouping = 'call' | 'field' | 'chain';
type Group = ResultsOut['groups'][number];

const REC_COLOR: Record<Recommendation, string> = { fund: 'success', fund_if_budget: 'gold', do_not_fund: 'default' };
const TIE_KEYS = new Set(['median', 'top_criterion', 'fewer_outliers', 'earlier_submission', 'application_id']);

function byRank(a: number | null, b: number | null): number {
  return (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER);
}

/** Aggregated scores, outliers and ranks per call, per field (3.2.g) and per chain; panel records. */
export function ResultsTab({ review, canEdit }: { review: ReviewOut; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const results = useApi(() => reviewApi.results(review.id), [review.id]);
  const [grouping, setGrouping] = useState<Grouping>('call');
  const [panelFor, setPanelFor] = useState<ResultRowOut | null>(null);
  const rowsById = useMemo(() => new Map((results.data?.rows ?? []).map((r) => [r.applicationId, r])), [results.data]);

  if (results.error && !results.data) return <LoadError error={results.error} onRetry={results.reload} />;
  const data = results.data;
  const ranked = [...(data?.rows ?? [])].sort((a, b) => byRank(a.rankInCall, b.rankInCall));
  const groups = (data?.groups ?? []).filter((g) => g.group.startsWith(`${grouping}:`));
  const editable = canEdit;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {data && (
        <Alert
          type={data.status === 'closed' ? 'success' : 'info'}
          showIcon
          title={data.status === 'closed' ? t('review.results.final') : t('review.results.provisional')}
          description={t('review.results.aggregation', {
            v:
              t(`review.settings.aggregation.${data.settings.aggregation}`) +
              (data.settings.aggregation === 'trimmed_mean' ? ` (${data.settings.trim})` : '') +
              (data.settings.normalise ? ` · ${t('review.settings.normalise')}` : '') +
              ` · ${t('review.settings.outlierPoints')} ${data.settings.outlierPoints}`,
          })}
          data-testid="results-status"
          data-status={data.status}
        />
      )}
      <Space>
        <Typography.Text>{t('review.results.grouping')}</Typography.Text>
        <Segmented<Grouping>
          value={grouping}
          onChange={setGrouping}
          options={[
            { value: 'call', label: t('review.results.byCall') },
            { value: 'field', label: t('review.results.byField') },
            { value: 'chain', label: t('review.results.byChain') },
          ]}
          data-testid="results-grouping"
        />
      </Space>
      {grouping === 'call' ? (
        <Card size="small">
          <ResultTable
            rows={ranked}
            rank="call"
            loading={results.loading}
            editable={editable}
            onPanel={setPanelFor}
            testId="results-table"
          />
        </Card>
      ) : groups.length === 0 ? (
        <Empty description={t('review.results.noGroups')} />
      ) : (
        groups.map((g) => (
          <GroupCard
            key={g.group}
            group={g}
            lang={lang}
            rows={g.ranked.map((id) => rowsById.get(id)).filter((r): r is ResultRowOut => !!r)}
          >
            {(rows) => (
              <ResultTable
                rows={rows}
                rank="group"
                loading={results.loading}
                editable={editable}
                onPanel={setPanelFor}
                testId={`results-group-table-${g.group}`}
              />
            )}
          </GroupCard>
        ))
      )}
      {panelFor && (
        <PanelModal
          reviewId={review.id}
          row={panelFor}
          onClose={() => setPanelFor(null)}
          onSaved={() => {
            setPanelFor(null);
            results.reload();
          }}
        />
      )}
    </Space>
  );
}

function GroupCard({
  group,
  lang,
  rows,
  children,
}: {
  group: Group;
  lang: 'zh' | 'en';
  rows: ResultRowOut[];
  children: (rows: ResultRowOut[]) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid={`results-group-${group.group}`}
      title={
        <Space>
          {group.group.startsWith('field:') && <Tag color="blue">3.2.g</Tag>}
          {lang === 'zh' ? group.labelZh : group.labelEn}
          <Typography.Text type="secondary">{t('review.results.groupCount', { n: rows.length })}</Typography.Text>
        </Space>
      }
    >
      {children(rows)}
    </Card>
  );
}

function ResultTable({
  rows,
  rank,
  loading,
  editable,
  onPanel,
  testId,
}: {
  rows: ResultRowOut[];
  rank: 'call' | 'group';
  loading: boolean;
  editable: boolean;
  onPanel: (r: ResultRowOut) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const fieldName = useFieldName();
  const tieLabel = (v: string) => (TIE_KEYS.has(v) ? t(key(`review.tie.${v}`)) : v);
  return (
    <Table<ResultRowOut>
      rowKey="applicationId"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
      locale={{ emptyText: t('review.results.empty') }}
      scroll={{ x: 1200 }}
      data-testid={testId}
      onRow={(r) =>
        ({
          'data-testid': `result-row-${r.applicationId}`,
          'data-rank': String((rank === 'call' ? r.rankInCall : r.rankInGroup) ?? ''),
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('review.results.rank'),
          key: 'rank',
          width: 64,
          fixed: 'left',
          render: (_, r) => <Typography.Text strong>{(rank === 'call' ? r.rankInCall : r.rankInGroup) ?? '—'}</Typography.Text>,
        },
        {
          title: t('review.apps.title'),
          key: 'title',
          width: 260,
          render: (_, r) => (
            <>
              <div>{r.title}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.orgName}
                {r.fieldCode ? ` · ${fieldName(r.fieldCode)}` : ''}
                {r.chainName ? ` · ${r.chainName}` : ''}
              </Typography.Text>
            </>
          ),
        },
        {
          title: t('review.results.score'),
          dataIndex: 'score',
          width: 80,
          align: 'right',
          render: (v: number | null) => (
            <Typography.Text strong data-testid="result-score">
              {fmt(v, 2)}
            </Typography.Text>
          ),
        },
        { title: t('review.results.mean'), dataIndex: 'mean', width: 72, align: 'right', render: (v: number | null) => fmt(v, 2) },
        { title: t('review.results.median'), dataIndex: 'median', width: 72, align: 'right', render: (v: number | null) => fmt(v, 2) },
        {
          title: t('review.results.outliers'),
          dataIndex: 'outliers',
          width: 72,
          align: 'right',
          render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
        },
        {
          title: t('review.results.experts'),
          key: 'experts',
          width: 300,
          render: (_, r) => (
            <Space wrap size={[4, 4]}>
              {r.experts.map((e) => (
                <Tooltip
                  key={e.personId}
                  title={
                    e.total === null
                      ? t('review.results.pending')
                      : e.normalised !== null
                        ? t('review.results.normalised', { v: fmt(e.normalised, 2) })
                        : formatInstant(e.submittedAt)
                  }
                >
                  <Tag
                    color={e.outlier ? 'red' : e.total === null ? 'default' : 'blue'}
                    data-testid="result-expert"
                    data-outlier={String(e.outlier)}
                  >
                    {e.outlier && <WarningOutlined />} {e.expertName} {e.total === null ? '—' : fmt(e.total, 1)}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          ),
        },
        {
          title: t('review.results.tieBrokenBy'),
          dataIndex: 'tieBrokenBy',
          width: 120,
          render: (v: string | null) => (v ? <Tag data-testid="result-tie">{tieLabel(v)}</Tag> : null),
        },
        {
          title: t('review.results.panel'),
          key: 'panel',
          width: 200,
          render: (_, r) => (
            <Space orientation="vertical" size={2}>
              {r.panel ? (
                <Tooltip title={r.panel.opinion}>
                  <div>
                    <Tag color={REC_COLOR[r.panel.recommendation]} data-testid={`panel-rec-${r.applicationId}`}>
                      {t(`review.panel.rec.${r.panel.recommendation}`)}
                    </Tag>
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0, fontSize: 12 }}>
                      {r.panel.opinion}
                    </Typography.Paragraph>
                  </div>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{t('review.results.noPanel')}</Typography.Text>
              )}
              {editable && (
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  style={{ padding: 0 }}
                  onClick={() => onPanel(r)}
                  data-testid={`panel-edit-${r.applicationId}`}
                >
                  {r.panel ? t('review.results.panelEditExisting') : t('review.results.panelEdit')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function PanelModal({
  reviewId,
  row,
  onClose,
  onSaved,
}: {
  reviewId: string;
  row: ResultRowOut;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PanelBody>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    let v: PanelBody;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await reviewApi.panel(reviewId, row.applicationId, { opinion: v.opinion.trim(), recommendation: v.recommendation });
      message.success(t('review.panel.saved'));
      onSaved();
    } catch (e) {
      const fe = fieldErrorsOf(e);
      if (fe.length > 0) form.setFields(fe as Parameters<typeof form.setFields>[0]);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={640}
      title={t('review.panel.title', { title: row.title })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'panel-save' } as ButtonProps}
      destroyOnHidden
      data-testid="panel-modal"
    >
      <RefusalAlert error={error} testId="panel-error" />
      {row.panel && (
        <Typography.Paragraph type="secondary">
          {t('review.panel.recordedBy', { who: row.panel.recordedBy, at: formatInstant(row.panel.recordedAt) })}
        </Typography.Paragraph>
      )}
      <Form<PanelBody>
        form={form}
        layout="vertical"
        initialValues={row.panel ? { opinion: row.panel.opinion, recommendation: row.panel.recommendation } : { opinion: '' }}
      >
        <Form.Item
          name="recommendation"
          label={t('review.panel.recommendation')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Radio.Group
            optionType="button"
            options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`review.panel.rec.${r}`) }))}
            data-testid="panel-recommendation"
          />
        </Form.Item>
        <Form.Item
          name="opinion"
          label={t('review.panel.opinion')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={6} maxLength={4000} showCount data-testid="panel-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
