import { useMemo, useState, type HTMLAttributes } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Modal,
  Pagination,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  Tooltip,
  type ButtonProps,
} from 'antd';
import { DeleteOutlined, PlusOutlined, ThunderboltOutlined, UserAddOutlined } from '@ant-design/icons';
import type { AssignmentListOut, AssignmentOut, AssignmentRunOut, EligibleListOut, ReviewApplicationOut, ReviewOut } from '@rdplan/domain';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewApi } from './api';
import { RefusalAlert, formatInstant } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

type Eligible = EligibleListOut['items'][number];
type Load = AssignmentListOut['loads'][number];

const APP_PAGE = 10;
const SOURCE_COLOR = { solver: 'blue', manual: 'purple', random: 'cyan' } as const;
const STATE_COLOR = { assigned: 'processing', declined: 'default', submitted: 'success' } as const;

function isRun(x: unknown): x is AssignmentRunOut {
  return !!x && typeof x === 'object' && 'status' in x && 'lacking' in x && Array.isArray((x as { lacking: unknown }).lacking);
}

/** The optimal assignment, its certificate, manual changes, random draws and the experts' loads. */
export function AssignmentTab({ review, canEdit, onChanged }: { review: ReviewOut; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const fieldName = useFieldName();
  const { message } = App.useApp();
  const list = useApi(() => reviewApi.assignments(review.id), [review.id]);
  const [solved, setSolved] = useState<AssignmentRunOut | null>(null);
  const [solving, setSolving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [drawing, setDrawing] = useState<string | null>(null);
  const [drawError, setDrawError] = useState<{ applicationId: string; error: unknown } | null>(null);
  const [adding, setAdding] = useState<ReviewApplicationOut | null>(null);
  const [removing, setRemoving] = useState<AssignmentOut | null>(null);
  const [appPage, setAppPage] = useState(1);
  const run = solved ?? list.data?.lastRun ?? null;
  const editable = canEdit && review.status !== 'closed';
  const k = review.settings.expertsPerApplication;

  const byApp = useMemo(() => {
    const m = new Map<string, AssignmentOut[]>();
    for (const a of list.data?.items ?? []) m.set(a.applicationId, [...(m.get(a.applicationId) ?? []), a]);
    return m;
  }, [list.data]);

  function changed() {
    list.reload();
    onChanged();
  }

  async function solve() {
    setSolving(true);
    setError(null);
    try {
      const r = await reviewApi.solve(review.id);
      setSolved(r);
      changed();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'assignment_infeasible' && isRun(e.details)) setSolved(e.details);
      else setError(e);
    } finally {
      setSolving(false);
    }
  }

  async function draw(applicationId: string) {
    setDrawing(applicationId);
    setDrawError(null);
    try {
      const res = await reviewApi.draw(review.id, applicationId);
      const n = res.items.length;
      message.success(n > 0 ? t('review.assign.drawn', { n }) : t('review.assign.drawDone'));
      changed();
    } catch (e) {
      setDrawError({ applicationId, error: e });
    } finally {
      setDrawing(null);
    }
  }

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={list.reload} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('review.assign.run')}
        extra={
          editable && review.status === 'setup' ? (
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={solving}
              onClick={() => void solve()}
              data-testid="assignment-solve"
            >
              {t('review.assign.solve')}
            </Button>
          ) : undefined
        }
      >
        <Typography.Paragraph type="secondary">{t('review.assign.solveHint')}</Typography.Paragraph>
        <RefusalAlert error={error} testId="assignment-error" onClose={() => setError(null)} />
        {run ? <RunView run={run} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.assign.noRun')} />}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('review.assign.byApp')}>
            <div data-testid="assignment-table">
              {review.applications.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.apps.empty')} />}
              {review.applications.slice((appPage - 1) * APP_PAGE, appPage * APP_PAGE).map((app) => {
                const rows = byApp.get(app.applicationId) ?? [];
                const active = rows.filter((a) => a.status !== 'declined').length;
                return (
                  <div
                    key={app.applicationId}
                    style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}
                    data-testid={`assignment-app-${app.applicationId}`}
                  >
                    <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                      <Space wrap>
                        <Typography.Text strong>{app.title}</Typography.Text>
                        <Typography.Text type="secondary">{app.orgName}</Typography.Text>
                        {app.fieldCode && <Tag>{fieldName(app.fieldCode)}</Tag>}
                        <Tag color={active >= k ? 'success' : 'warning'} data-testid={`assignment-count-${app.applicationId}`}>
                          {t('review.assign.count', { n: active, k })}
                        </Tag>
                      </Space>
                      {editable && (
                        <Space>
                          <Button
                            size="small"
                            icon={<UserAddOutlined />}
                            onClick={() => setAdding(app)}
                            data-testid={`assignment-add-${app.applicationId}`}
                          >
                            {t('review.assign.add')}
                          </Button>
                          {/* A draw on a full panel cannot succeed: the button says so instead of failing. */}
                          <Tooltip title={active >= k ? t('review.assign.drawFull', { k }) : undefined}>
                            <Button
                              size="small"
                              icon={<PlusOutlined />}
                              loading={drawing === app.applicationId}
                              disabled={active >= k}
                              onClick={() => void draw(app.applicationId)}
                              data-testid={`assignment-draw-${app.applicationId}`}
                            >
                              {t('review.assign.draw')}
                            </Button>
                          </Tooltip>
                          {active >= k && (
                            <Typography.Text
                              type="secondary"
                              style={{ fontSize: 12 }}
                              data-testid={`assignment-draw-full-${app.applicationId}`}
                            >
                              {t('review.assign.drawFull', { k })}
                            </Typography.Text>
                          )}
                        </Space>
                      )}
                    </Space>
                    {drawError?.applicationId === app.applicationId && (
                      <div style={{ marginTop: 8 }}>
                        <RefusalAlert
                          error={drawError.error}
                          testId={`assignment-draw-error-${app.applicationId}`}
                          onClose={() => setDrawError(null)}
                        />
                      </div>
                    )}
                    <AssignmentRows rows={rows} editable={editable} onRemove={setRemoving} />
                  </div>
                );
              })}
              {review.applications.length > APP_PAGE && (
                <Pagination
                  size="small"
                  style={{ marginTop: 12, textAlign: 'right' }}
                  current={appPage}
                  pageSize={APP_PAGE}
                  total={review.applications.length}
                  onChange={setAppPage}
                  data-testid="assignment-pages"
                />
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <LoadsCard loads={list.data?.loads ?? []} />
        </Col>
      </Row>

      {adding && (
        <AddModal
          reviewId={review.id}
          app={adding}
          onRoster={(byApp.get(adding.applicationId) ?? []).filter((a) => a.status !== 'declined').map((a) => a.personId)}
          onClose={() => setAdding(null)}
          onDone={() => {
            setAdding(null);
            message.success(t('review.assign.added'));
            changed();
          }}
        />
      )}
      {removing && (
        <RemoveModal
          reviewId={review.id}
          assignment={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            message.success(t('review.assign.removed'));
            changed();
          }}
        />
      )}
    </Space>
  );
}

function RunView({ run }: { run: AssignmentRunOut }) {
  const { t, lang } = useI18n();
  const ok = run.status === 'optimal';
  return (
    <div data-testid="assignment-run" data-status={run.status}>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label={t('review.assign.state')}>
          <Tag color={ok ? 'success' : 'error'} data-testid="assignment-run-status">
            {t(`review.assign.status.${run.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('review.assign.objective')}>
          <span data-testid="assignment-objective">{run.objective ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('review.assign.certificate')}>
          {run.certificateOk === null ? (
            '—'
          ) : (
            <Typography.Text
              type={run.certificateOk ? 'success' : 'danger'}
              data-testid="assignment-certificate"
              data-ok={String(run.certificateOk)}
            >
              {run.certificateOk ? t('review.assign.certificateOk') : t('review.assign.certificateBad')}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.assign.assignedCount')}>
          <span data-testid="assignment-assigned">{run.assigned}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('review.overview.applications')}>{run.applications}</Descriptions.Item>
        <Descriptions.Item label={t('review.assign.experts')}>{run.experts}</Descriptions.Item>
        <Descriptions.Item label={t('review.assign.pairs')}>{run.eligiblePairs}</Descriptions.Item>
        <Descriptions.Item label={t('review.assign.ms')}>
          {run.ms < 1000 ? t('common.underASecond') : t('common.seconds', { n: Math.round(run.ms / 100) / 10 })}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.assign.at')}>{formatInstant(run.at, true)}</Descriptions.Item>
      </Descriptions>
      {!ok && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="assignment-lacking"
          title={run.explanation ? (lang === 'zh' ? run.explanation.zh : run.explanation.en) : t('review.assign.status.infeasible')}
          description={
            run.lacking.length > 0 ? (
              <>
                <div>{t('review.assign.lacking')}</div>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {run.lacking.map((l) => (
                    <li key={l.applicationId} data-testid={`assignment-lacking-${l.applicationId}`}>
                      {l.title}
                      {t('review.colon')}
                      {t('review.assign.lackingRow', { eligible: l.eligible, needed: l.needed })}
                    </li>
                  ))}
                </ul>
              </>
            ) : undefined
          }
        />
      )}
    </div>
  );
}

function AssignmentRows({ rows, editable, onRemove }: { rows: AssignmentOut[]; editable: boolean; onRemove: (a: AssignmentOut) => void }) {
  const { t } = useI18n();
  if (rows.length === 0)
    return (
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
        {t('review.assign.none')}
      </Typography.Text>
    );
  return (
    <Table<AssignmentOut>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      style={{ marginTop: 6 }}
      onRow={(a) =>
        ({ 'data-testid': `assignment-row-${a.id}`, 'data-person': a.personId, 'data-status': a.status }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('review.assign.expert'),
          key: 'expert',
          render: (_, a) => (
            <>
              <Typography.Text delete={a.status === 'declined'}>{a.expertName}</Typography.Text>
              {a.expertOrg && (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                  {a.expertOrg}
                </Typography.Text>
              )}
            </>
          ),
        },
        { title: t('review.assign.affinity'), dataIndex: 'affinity', width: 80, align: 'right' },
        {
          title: t('review.assign.source'),
          dataIndex: 'source',
          width: 90,
          render: (s: AssignmentOut['source']) => <Tag color={SOURCE_COLOR[s]}>{t(`review.assign.source.${s}`)}</Tag>,
        },
        {
          title: t('review.assign.state'),
          dataIndex: 'status',
          width: 90,
          render: (s: AssignmentOut['status']) => <Tag color={STATE_COLOR[s]}>{t(`review.assign.state.${s}`)}</Tag>,
        },
        {
          title: t('review.assign.declaration'),
          dataIndex: 'declaration',
          width: 110,
          render: (d: AssignmentOut['declaration']) =>
            d ? (
              <Tag color={d === 'conflict' ? 'red' : 'green'}>{t(`review.assign.decl.${d}`)}</Tag>
            ) : (
              <Typography.Text type="secondary">{t('review.assign.decl.none')}</Typography.Text>
            ),
        },
        ...(editable
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 80,
                render: (_: unknown, a: AssignmentOut) =>
                  a.status === 'submitted' ? null : (
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => onRemove(a)}
                      data-testid={`assignment-remove-${a.id}`}
                    >
                      {t('review.assign.remove')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

function LoadsCard({ loads }: { loads: Load[] }) {
  const { t } = useI18n();
  const sorted = [...loads].sort(
    (a, b) => b.load / Math.max(b.cap, 1) - a.load / Math.max(a.cap, 1) || a.expertName.localeCompare(b.expertName),
  );
  return (
    <Card size="small" title={t('review.assign.loads')}>
      <Table<Load>
        rowKey="personId"
        size="small"
        dataSource={sorted}
        pagination={sorted.length > 15 ? { pageSize: 15, size: 'small' } : false}
        locale={{ emptyText: t('review.assign.loadsEmpty') }}
        data-testid="assignment-loads"
        onRow={(l) => ({ 'data-testid': `assignment-load-${l.personId}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('review.assign.expert'), dataIndex: 'expertName' },
          {
            title: t('review.assign.load'),
            key: 'load',
            width: 150,
            render: (_, l) => (
              <Space size={6}>
                <Typography.Text type={l.load > l.cap ? 'danger' : undefined}>
                  {l.load} / {l.cap}
                </Typography.Text>
                <Progress
                  percent={l.cap > 0 ? Math.min(100, Math.round((l.load / l.cap) * 100)) : 100}
                  size={[60, 6]}
                  showInfo={false}
                  aria-label={`${l.load} / ${l.cap}`}
                  status={l.load > l.cap ? 'exception' : l.load === l.cap ? 'normal' : 'active'}
                />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AddModal({
  reviewId,
  app,
  onRoster,
  onClose,
  onDone,
}: {
  reviewId: string;
  app: ReviewApplicationOut;
  onRoster: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const eligible = useApi(() => reviewApi.eligible(reviewId, app.applicationId), [reviewId, app.applicationId]);
  const [picked, setPicked] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const taken = new Set(onRoster);
  const items = [...(eligible.data?.items ?? [])].sort((a, b) => b.affinity - a.affinity || a.load - b.load);

  async function add() {
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      await reviewApi.add(reviewId, app.applicationId, picked, reason.trim() || undefined);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={860}
      title={t('review.assign.addTitle', { title: app.title })}
      onCancel={onClose}
      onOk={() => void add()}
      okText={t('review.assign.add')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !picked, 'data-testid': 'assignment-add-submit' } as ButtonProps}
      destroyOnHidden
      data-testid="assignment-add-modal"
    >
      <RefusalAlert error={error} testId="assignment-add-error" />
      {eligible.error ? (
        <LoadError error={eligible.error} onRetry={eligible.reload} />
      ) : (
        <Table<Eligible>
          rowKey="personId"
          size="small"
          loading={eligible.loading}
          dataSource={items}
          pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
          locale={{ emptyText: t('review.assign.eligibleEmpty') }}
          data-testid="assignment-eligible"
          rowSelection={{
            type: 'radio',
            selectedRowKeys: picked ? [picked] : [],
            onChange: (keys) => setPicked((keys[0] as string | undefined) ?? null),
            getCheckboxProps: (r) => ({ disabled: taken.has(r.personId) }),
          }}
          onRow={(r) =>
            ({
              'data-testid': `eligible-row-${r.personId}`,
              onClick: () => !taken.has(r.personId) && setPicked(r.personId),
              style: { cursor: taken.has(r.personId) ? 'default' : 'pointer' },
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('review.assign.expert'),
              key: 'name',
              render: (_, r) => (
                <>
                  {r.name}
                  {taken.has(r.personId) && <Tag style={{ marginInlineStart: 6 }}>{t('review.assign.alreadyOn')}</Tag>}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.orgName ?? '—'}
                    </Typography.Text>
                  </div>
                </>
              ),
            },
            {
              title: t('review.assign.fields'),
              dataIndex: 'fieldCodes',
              render: (v: string[]) => v.map((f) => <Tag key={f}>{f}</Tag>),
            },
            { title: t('review.assign.affinity'), dataIndex: 'affinity', width: 80, align: 'right' },
            {
              title: t('review.assign.load'),
              key: 'load',
              width: 110,
              render: (_, r) => (
                <Typography.Text type={r.load >= r.cap ? 'danger' : undefined}>
                  {r.load} / {r.cap}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
      <Input
        style={{ marginTop: 12 }}
        maxLength={500}
        placeholder={t('review.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="assignment-add-reason"
      />
    </Modal>
  );
}

function RemoveModal({
  reviewId,
  assignment,
  onClose,
  onDone,
}: {
  reviewId: string;
  assignment: AssignmentOut;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooShort = reason.trim().length < 2;

  async function remove() {
    if (tooShort) return;
    setBusy(true);
    setError(null);
    try {
      await reviewApi.remove(reviewId, assignment.id, reason.trim());
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('review.assign.removeTitle', { name: assignment.expertName })}
      onCancel={onClose}
      onOk={() => void remove()}
      okText={t('review.assign.remove')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger: true, disabled: tooShort, 'data-testid': 'assignment-remove-submit' } as ButtonProps}
      destroyOnHidden
      data-testid="assignment-remove-modal"
    >
      <RefusalAlert error={error} testId="assignment-remove-error" />
      <Typography.Text>{t('review.reasonRequired')}</Typography.Text>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        status={reason.length > 0 && tooShort ? 'error' : undefined}
        placeholder={t('review.reasonMin')}
        data-testid="assignment-remove-reason"
      />
    </Modal>
  );
}
