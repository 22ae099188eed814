import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { CloudUploadOutlined, ExperimentOutlined, FileTextOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { NATIONAL_OUTCOMES, NATIONAL_STAGES, formatWan, type NationalOutcome, type NationalStage } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { usePaging } from '../../hooks/usePaging';
import {
  plansApi,
  type ImportJobStatus,
  type ImportRowError,
  type NationalApplicationView,
  type NationalImportJob,
  type NationalImportResult,
  type NationalProjectView,
} from './api';
import { ErrorAlert, RuleCodeTag } from './shared';

const STAGE_COLOR: Record<NationalStage, string> = { formal_check: 'default', first_round: 'blue', final_defence: 'purple' };
const OUTCOME_COLOR: Record<NationalOutcome, string> = { pending: 'default', approved: 'green', not_approved: 'orange' };

/** /app/national: import national programme records (4.2.a) and look them up. */
export function NationalPage() {
  const { t } = useI18n();
  const [tick, setTick] = useState(0);
  return (
    <div data-testid="national-page">
      <PageHeader
        title={
          <Space>
            {t('plans.national.title')}
            <RuleCodeTag code="4.2.a" />
          </Space>
        }
      />
      <ImportCard onImported={() => setTick((n) => n + 1)} />
      <ApplicationsTable tick={tick} />
      <ProjectsTable tick={tick} />
    </div>
  );
}

const JOB_COLOR: Record<ImportJobStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };
const PHASES = ['queued', 'reading', 'checking', 'writing', 'matching'] as const;
type Phase = (typeof PHASES)[number];
const knownPhase = (p: string | null): Phase | null => ((PHASES as readonly string[]).includes(p ?? '') ? (p as Phase) : null);
const isActive = (j: NationalImportJob) => j.status === 'queued' || j.status === 'running';

/**
 * Upload, then follow the import job: a progress bar with rows done, rate and errors so far while it
 * runs, the counts and row errors when done. The job runs on the server: the officer may leave the page;
 * coming back, the recent-jobs list shows it still running or done (and a running job is followed again).
 */
function ImportCard({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState<'dry' | 'import' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [jobs, setJobs] = useState<NationalImportJob[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<NationalImportJob | null>(null);
  const announced = useRef(new Set<string>());

  const refresh = useCallback(async () => {
    try {
      const list = (await plansApi.nationalImportJobs()).items;
      setJobs(list);
      // Coming back to the page: follow the most recent job still running.
      setJobId((current) => current ?? list.find(isActive)?.id ?? null);
    } catch {
      /* the list is a convenience; the next poll retries */
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await plansApi.nationalImportJob(jobId);
        if (stopped) return;
        setJob(j);
        if (isActive(j)) timer = setTimeout(() => void poll(), 1000);
        else {
          void refresh();
          if (!announced.current.has(j.id)) {
            announced.current.add(j.id);
            if (j.status === 'done' && !j.dryRun) {
              message.success(t('plans.national.importDone'));
              onImported();
            }
          }
        }
      } catch (e) {
        if (!stopped) setError(e);
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, refresh, message, onImported, t]);

  // Other jobs in the list that still run (another officer's, or one started elsewhere) are refreshed too.
  useEffect(() => {
    if (!jobs.some((j) => isActive(j) && j.id !== jobId)) return;
    const timer = setTimeout(() => void refresh(), 2000);
    return () => clearTimeout(timer);
  }, [jobs, jobId, refresh]);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'import');
    setError(null);
    try {
      const { jobId: id } = await plansApi.importNational(file, { dryRun, source });
      setJob(null);
      setJobId(id);
      void refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title={t('plans.national.importTitle')} size="small" style={{ marginBottom: 16 }} data-testid="national-import-card">
      <Typography.Paragraph type="secondary">{t('plans.national.importHint')}</Typography.Paragraph>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Upload
          accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            setError(null);
            return false;
          }}
          data-testid="national-file"
        >
          <Button icon={<FileTextOutlined />} data-testid="national-choose">
            {t('plans.national.chooseFile')}
          </Button>
        </Upload>
        <Typography.Text type={file ? undefined : 'secondary'} data-testid="national-filename">
          {file ? file.name : t('plans.national.noFile')}
        </Typography.Text>
        <Input
          placeholder={t('plans.national.source')}
          value={source}
          maxLength={200}
          onChange={(e) => setSource(e.target.value)}
          style={{ width: 280 }}
          data-testid="national-source"
        />
        <Button
          icon={<ExperimentOutlined />}
          disabled={!file || !!busy}
          loading={busy === 'dry'}
          onClick={() => void run(true)}
          data-testid="national-dry-run"
        >
          {t('plans.national.dryRun')}
        </Button>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={!file || !!busy}
          loading={busy === 'import'}
          onClick={() => void run(false)}
          data-testid="national-import"
        >
          {t('plans.national.import')}
        </Button>
      </Flex>
      <ErrorAlert error={error} testId="national-error" />
      {job && <JobView job={job} />}
      <JobList jobs={jobs} selected={jobId} onSelect={setJobId} />
    </Card>
  );
}

function JobProgress({ job }: { job: NationalImportJob }) {
  const { t } = useI18n();
  const checked = job.totalRows > 0 ? job.rowsDone / job.totalRows : 0;
  const wrote = job.toWrite ? (job.written ?? 0) / job.toWrite : 0;
  // Checking is the first half of the bar, writing the second.
  const phase = knownPhase(job.phase);
  const percent = job.phase === 'writing' || job.phase === 'matching' ? 50 + 50 * wrote : 50 * checked;
  return (
    <div
      data-testid="national-progress"
      data-status={job.status}
      data-rows-done={job.rowsDone}
      data-total-rows={job.totalRows}
      data-errors={job.errorsCount}
      style={{ marginBottom: 12 }}
    >
      <Progress percent={Math.round(percent)} status="active" aria-label={t('plans.national.jobStatus.running')} />
      <Typography.Text type="secondary">
        {phase ? `${t(`plans.national.phase.${phase}`)} · ` : ''}
        {t('plans.national.progress', {
          done: job.rowsDone,
          total: job.totalRows,
          rate: job.ratePerSecond ?? 0,
          errors: job.errorsCount,
        })}
        {job.phase === 'writing' && job.toWrite !== null
          ? ` · ${t('plans.national.writing', { written: job.written ?? 0, toWrite: job.toWrite })}`
          : ''}
      </Typography.Text>
    </div>
  );
}

function JobView({ job }: { job: NationalImportJob }) {
  const { t } = useI18n();
  if (isActive(job)) return <JobProgress job={job} />;
  if (job.status === 'failed') {
    return (
      <div data-testid="national-job-failed" style={{ marginBottom: 12 }}>
        <Alert type="error" showIcon title={t('plans.national.jobFailed')} description={job.failure ?? ''} style={{ marginBottom: 12 }} />
        {job.errors.length > 0 && <ErrorTable errors={job.errors} count={job.errorsCount} />}
      </div>
    );
  }
  return job.result ? <ImportResultView result={job.result} errors={job.errors} errorsCount={job.errorsCount} /> : null;
}

function JobList({ jobs, selected, onSelect }: { jobs: NationalImportJob[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useI18n();
  if (jobs.length === 0) return null;
  return (
    <>
      <Typography.Title level={5}>{t('plans.national.jobs')}</Typography.Title>
      <Table<NationalImportJob>
        size="small"
        rowKey="id"
        dataSource={jobs}
        pagination={false}
        data-testid="national-jobs"
        onRow={(j) => ({ 'data-testid': `national-job-${j.id}`, 'data-status': j.status }) as React.HTMLAttributes<HTMLElement>}
        rowClassName={(j) => (j.id === selected ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: t('plans.national.jobStarted'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => new Date(v).toLocaleString(),
          },
          {
            title: t('plans.national.jobFile'),
            key: 'file',
            render: (_, j) => (
              <Space size={4}>
                {j.filename}
                {j.dryRun && <Tag>{t('plans.national.dryRunTag')}</Tag>}
              </Space>
            ),
          },
          { title: t('plans.national.jobSource'), dataIndex: 'source', render: (v: string | null) => v ?? '—' },
          {
            title: t('plans.national.jobState'),
            key: 'status',
            render: (_, j) => <Tag color={JOB_COLOR[j.status]}>{t(`plans.national.jobStatus.${j.status}`)}</Tag>,
          },
          { title: t('plans.national.jobRows'), key: 'rows', render: (_, j) => `${j.rowsDone} / ${j.totalRows}` },
          { title: t('plans.national.jobErrors'), dataIndex: 'errorsCount' },
          {
            title: '',
            key: 'show',
            width: 80,
            render: (_, j) => (
              <Button size="small" type="link" onClick={() => onSelect(j.id)} data-testid={`national-job-show-${j.id}`}>
                {t('plans.national.jobShow')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function ErrorTable({ errors, count }: { errors: ImportRowError[]; count: number }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={5}>{t('plans.national.errors')}</Typography.Title>
      {count > errors.length && (
        <Typography.Paragraph type="secondary">{t('plans.national.errorsShown', { count, shown: errors.length })}</Typography.Paragraph>
      )}
      <Table<ImportRowError & { i: number }>
        size="small"
        rowKey="i"
        dataSource={errors.map((e, i) => ({ ...e, i }))}
        pagination={errors.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t('plans.national.noErrors') }}
        data-testid="national-errors"
        columns={[
          {
            title: t('plans.national.row'),
            dataIndex: 'row',
            width: 200,
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('plans.national.column'),
            dataIndex: 'column',
            width: 240,
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          { title: t('plans.national.reason'), dataIndex: 'reason' },
        ]}
      />
    </>
  );
}

function ImportResultView({
  result,
  errors,
  errorsCount,
}: {
  result: NationalImportResult;
  errors: ImportRowError[];
  errorsCount: number;
}) {
  const { t } = useI18n();
  const byKind = (k: 'inserted' | 'updated' | 'unchanged') =>
    t('plans.national.byKind', { a: result.applications[k], p: result.projects[k] });
  return (
    <div data-testid="national-result" data-dry-run={result.dryRun ? 'true' : 'false'} style={{ marginBottom: 16 }}>
      <Alert
        type={errorsCount > 0 ? 'warning' : 'success'}
        showIcon
        title={result.dryRun ? t('plans.national.dryRunDone') : t('plans.national.importDone')}
        description={`${t('plans.national.file')}：${result.filename}${result.source ? ` · ${result.source}` : ''}`}
        style={{ marginBottom: 12 }}
      />
      <Row gutter={16} data-testid="national-counts" style={{ marginBottom: 12 }}>
        <Col xs={12} md={4}>
          <Statistic title={t('plans.national.totalRecords')} value={result.totalRecords} data-testid="national-count-total" />
        </Col>
        <Col xs={12} md={5}>
          <div data-testid="national-count-inserted" data-value={result.inserted}>
            <Statistic title={t('plans.national.inserted')} value={result.inserted} />
            <Typography.Text type="secondary">{byKind('inserted')}</Typography.Text>
          </div>
        </Col>
        <Col xs={12} md={5}>
          <div data-testid="national-count-updated" data-value={result.updated}>
            <Statistic title={t('plans.national.updated')} value={result.updated} />
            <Typography.Text type="secondary">{byKind('updated')}</Typography.Text>
          </div>
        </Col>
        <Col xs={12} md={5}>
          <div data-testid="national-count-unchanged" data-value={result.unchanged}>
            <Statistic title={t('plans.national.unchanged')} value={result.unchanged} />
            <Typography.Text type="secondary">{byKind('unchanged')}</Typography.Text>
          </div>
        </Col>
        <Col xs={12} md={5}>
          <div data-testid="national-count-rejected" data-value={result.rejected}>
            <Statistic
              title={t('plans.national.rejected')}
              value={result.rejected}
              styles={{ content: { color: result.rejected > 0 ? '#cf1322' : undefined } }}
            />
          </div>
        </Col>
      </Row>
      <ErrorTable errors={errors} count={errorsCount} />
    </div>
  );
}

function Unit({ name, uscc, orgId }: { name: string; uscc: string | null; orgId: string | null }) {
  const { t } = useI18n();
  return (
    <>
      <div>
        {name} {orgId && <Tag color="blue">{t('plans.national.linked')}</Tag>}
      </div>
      {uscc && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {uscc}
        </Typography.Text>
      )}
    </>
  );
}

function ApplicationsTable({ tick }: { tick: number }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [stage, setStage] = useState<NationalStage | undefined>(undefined);
  const [outcome, setOutcome] = useState<NationalOutcome | undefined>(undefined);
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const { data, error, loading, reload } = useApi(
    () => plansApi.nationalApplications({ page, pageSize, q: q || undefined, year: year ?? undefined, stage, outcome }),
    [page, pageSize, q, year, stage, outcome, tick],
  );

  return (
    <Card
      title={t('plans.national.applications')}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="national-applications"
      extra={
        <Space wrap>
          <InputNumber
            placeholder={t('plans.national.filterYear')}
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => {
              setYear(typeof v === 'number' ? v : null);
              setPage(1);
            }}
            style={{ width: 110 }}
            data-testid="national-applications-year"
          />
          <Select<NationalStage>
            allowClear
            placeholder={t('plans.national.filterStage')}
            aria-label={t('plans.national.filterStage')}
            value={stage}
            onChange={(v) => {
              setStage(v);
              setPage(1);
            }}
            options={NATIONAL_STAGES.map((s) => ({ value: s, label: t(`plans.national.stage.${s}`) }))}
            style={{ width: 150 }}
            data-testid="national-applications-stage"
          />
          <Select<NationalOutcome>
            allowClear
            placeholder={t('plans.national.filterOutcome')}
            aria-label={t('plans.national.filterOutcome')}
            value={outcome}
            onChange={(v) => {
              setOutcome(v);
              setPage(1);
            }}
            options={NATIONAL_OUTCOMES.map((o) => ({ value: o, label: t(`plans.national.outcome.${o}`) }))}
            style={{ width: 130 }}
            data-testid="national-applications-outcome"
          />
          <Input.Search
            allowClear
            placeholder={t('common.searchPlaceholder')}
            enterButton={t('common.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 280 }}
            data-testid="national-applications-search"
          />
        </Space>
      }
    >
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<NationalApplicationView>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={pagination(data?.total)}
          locale={{ emptyText: t('common.empty') }}
          data-testid="national-applications-table"
          scroll={{ x: 1000 }}
          columns={[
            {
              title: t('plans.national.nationalId'),
              dataIndex: 'nationalId',
              width: 170,
              render: (v: string) => (
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {v}
                </Typography.Text>
              ),
            },
            { title: t('plans.national.year'), dataIndex: 'year', width: 70 },
            {
              title: t('plans.national.projectTitle'),
              key: 'title',
              render: (_, r) => (
                <>
                  <div>{r.title}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.programme} · {r.direction}
                    {r.fieldCode ? ` · ${r.fieldCode}` : ''}
                  </Typography.Text>
                </>
              ),
            },
            { title: t('plans.national.lead'), key: 'lead', render: (_, r) => <Unit {...r.lead} /> },
            {
              title: t('plans.national.stage'),
              dataIndex: 'stage',
              render: (v: NationalStage) => <Tag color={STAGE_COLOR[v]}>{t(`plans.national.stage.${v}`)}</Tag>,
            },
            {
              title: t('plans.national.outcome'),
              dataIndex: 'outcome',
              render: (v: NationalOutcome) => <Tag color={OUTCOME_COLOR[v]}>{t(`plans.national.outcome.${v}`)}</Tag>,
            },
          ]}
        />
      )}
    </Card>
  );
}

function ProjectsTable({ tick }: { tick: number }) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [since, setSince] = useState<Dayjs | null>(null);
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const acceptedSince = since ? since.format('YYYY-MM-DD') : undefined;
  const { data, error, loading, reload } = useApi(
    () => plansApi.nationalProjects({ page, pageSize, q: q || undefined, acceptedSince }),
    [page, pageSize, q, acceptedSince, tick],
  );

  return (
    <Card
      title={t('plans.national.projects')}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="national-projects"
      extra={
        <Space wrap>
          <DatePicker
            placeholder={t('plans.national.acceptedSince')}
            value={since}
            onChange={(d) => {
              setSince(d);
              setPage(1);
            }}
            style={{ width: 170 }}
            data-testid="national-projects-accepted-since"
          />
          <Input.Search
            allowClear
            placeholder={t('common.searchPlaceholder')}
            enterButton={t('common.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 280 }}
            data-testid="national-projects-search"
          />
        </Space>
      }
    >
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<NationalProjectView>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={pagination(data?.total)}
          locale={{ emptyText: t('common.empty') }}
          data-testid="national-projects-table"
          scroll={{ x: 1100 }}
          columns={[
            {
              title: t('plans.national.nationalId'),
              dataIndex: 'nationalId',
              width: 170,
              render: (v: string) => (
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {v}
                </Typography.Text>
              ),
            },
            {
              title: t('plans.national.projectTitle'),
              key: 'title',
              render: (_, r) => (
                <>
                  <div>{r.title}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.programme}
                    {r.direction ? ` · ${r.direction}` : ''}
                    {r.fieldCode ? ` · ${r.fieldCode}` : ''}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('plans.national.leadProject'),
              key: 'lead',
              render: (_, r) => (
                <>
                  <Unit {...r.lead} />
                  {r.lead.isGuangzhou !== null && (
                    <Tag color={r.lead.isGuangzhou ? 'blue' : 'default'}>
                      {r.lead.isGuangzhou ? t('plans.national.inGuangzhou') : t('plans.national.outsideGuangzhou')}
                    </Tag>
                  )}
                </>
              ),
            },
            {
              title: t('plans.national.period'),
              key: 'period',
              width: 200,
              render: (_, r) => `${r.startDate ?? '—'} — ${r.endDate ?? '—'}`,
            },
            {
              title: t('plans.national.budget'),
              key: 'budget',
              render: (_, r) => [r.budget.central, r.budget.local, r.budget.self].map((n) => formatWan(n, lang)).join(' / '),
            },
            {
              title: t('plans.national.acceptance'),
              key: 'acceptance',
              render: (_, r) =>
                r.acceptance ? (
                  <Space size={4}>
                    <Tag color={r.acceptance.result === 'passed' ? 'green' : 'red'}>
                      {t(`plans.national.acceptance.${r.acceptance.result}`)}
                    </Tag>
                    <span style={{ whiteSpace: 'nowrap' }}>{r.acceptance.date}</span>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('plans.national.notAccepted')}</Typography.Text>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
