import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, type ButtonProps, Card, Col, Descriptions, Input, Modal, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  evaluateApplication,
  formatWan,
  formProblems,
  overlayForm,
  type ApplicationForm,
  type ApplicationView,
  type FormProblem,
  type RuleResult,
} from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { applicationsApi } from './api';
import { ApplicationBody } from './ApplicationBody';
import { ExclusionsCard } from './ExclusionsCard';
import { CheckHistory, FormalCheckPanel, RecheckPanel, RuleDecisionForm, VerifyPanel } from './OfficerPanels';
import { AttachmentsPanel, PrefilledPanel, UnitsPanel } from './Panels';
import { RulesPanel } from './RulesPanel';
import { StatusTag, TrackTag, callTitle, clockTime, formatInstant } from './shared';

type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';
type OnView = (v: ApplicationView) => void;

const noErrors = () => false;

/** Highlights a path when it, or something under it, is listed. */
function matcher(paths: string[]) {
  const set = new Set(paths);
  return (path: string) => set.has(path) || paths.some((p) => p.startsWith(`${path}.`));
}

/** The officer's latest return comment, shown prominently to the applicant. */
function ReturnedNotice({ view }: { view: ApplicationView }) {
  const { t } = useI18n();
  const last = [...view.checks].reverse().find((c) => c.decision === 'return' || c.decision === 'reject');
  if (!last || (view.status !== 'returned' && view.status !== 'rejected')) return null;
  return (
    <Alert
      type={last.decision === 'reject' ? 'error' : 'warning'}
      showIcon
      data-testid="returned-comment"
      title={last.decision === 'reject' ? t('applications.rejectedTitle') : t('applications.returnedTitle', { round: last.round })}
      description={
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{last.comment || '—'}</Typography.Paragraph>
          <Typography.Text type="secondary">
            {last.officer} · {formatInstant(last.at)}
          </Typography.Text>
        </>
      }
    />
  );
}

function AutosaveStatus({
  state,
  savedAt,
  error,
  onRetry,
  onReload,
}: {
  state: SaveState;
  savedAt: Date | null;
  error: string | null;
  onRetry: () => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  return (
    <div data-testid="autosave-status" data-state={state}>
      {state === 'idle' && <Typography.Text type="secondary">{t('applications.autosave.idle')}</Typography.Text>}
      {state === 'saving' && <Typography.Text type="secondary">{t('applications.autosave.saving')}</Typography.Text>}
      {state === 'saved' && (
        <Typography.Text type="success">
          <CheckCircleOutlined /> {t('applications.autosave.saved', { time: savedAt ? clockTime(savedAt) : '' })}
        </Typography.Text>
      )}
      {state === 'error' && (
        <Space wrap>
          <Typography.Text type="danger">{t('applications.autosave.error', { error: error ?? '' })}</Typography.Text>
          <Button size="small" onClick={onRetry} data-testid="autosave-retry">
            {t('common.retry')}
          </Button>
        </Space>
      )}
      {state === 'conflict' && (
        <Alert
          type="error"
          showIcon
          title={t('applications.autosave.conflictTitle')}
          description={t('applications.autosave.conflictHelp')}
          action={
            <Button danger icon={<ReloadOutlined />} onClick={onReload} data-testid="autosave-reload">
              {t('applications.autosave.reload')}
            </Button>
          }
        />
      )}
    </div>
  );
}

/** Refusals of a submission, as the server gave them. */
interface SubmitRefusal {
  kind: 'rules' | 'validation' | 'state' | 'other';
  message: string;
  results?: RuleResult[];
  codes?: string[];
  fields?: { path: string; message: string }[];
}

/** Server messages come as "English / 中文"; show the reader's half. */
function half(message: string, lang: 'zh' | 'en'): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  return lang === 'zh' ? parts[1]! : parts[0]!;
}

function SubmitRefusalBox({ refusal }: { refusal: SubmitRefusal }) {
  const { t, tx, lang } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="submit-error"
      data-kind={refusal.kind}
      title={refusal.kind === 'rules' ? t('applications.submit.rulesFailed', { codes: (refusal.codes ?? []).join(', ') }) : refusal.message}
      description={
        refusal.kind === 'rules' ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {(refusal.results ?? []).map((r) => (
              <li key={r.code} data-testid={`submit-failed-${r.code}`}>
                {tx(r.message)}
              </li>
            ))}
          </ul>
        ) : refusal.fields && refusal.fields.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {refusal.fields.map((f, i) => (
              <li key={`${f.path}-${i}`}>
                <Typography.Text code>{f.path}</Typography.Text> {half(f.message, lang)}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

function asFieldErrors(details: unknown): { path: string; message: string }[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d) => {
    if (!d || typeof d !== 'object') return [];
    const o = d as { path?: unknown; message?: unknown };
    const raw = Array.isArray(o.path) ? o.path.join('.') : typeof o.path === 'string' ? o.path : '';
    const path = raw.replace(/^body\./, '');
    const message = typeof o.message === 'string' ? o.message : o.message && typeof o.message === 'object' ? JSON.stringify(o.message) : '';
    return path ? [{ path, message }] : [];
  });
}

function WithdrawButton({ view, onView }: { view: ApplicationView; onView: OnView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!view.allowedEvents.includes('withdraw')) return null;
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="withdraw-application">
        {t('applications.withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('applications.withdraw.title')}
        okText={t('applications.withdraw.button')}
        cancelText={t('common.cancel')}
        okButtonProps={
          { danger: true, disabled: reason.trim().length < 2, loading: busy, 'data-testid': 'withdraw-confirm' } as ButtonProps
        }
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setBusy(true);
          try {
            onView(await applicationsApi.withdraw(view.id, reason.trim()));
            setOpen(false);
          } catch (e) {
            message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
          placeholder={t('applications.withdraw.reason')}
          data-testid="withdraw-reason"
        />
      </Modal>
    </>
  );
}

/**
 * The applicant's editor: autosaves a second after each change with the version it last saw, re-runs
 * the rules and the completeness list in the browser on every keystroke, and submits.
 */
function ApplicantEditor({ initial, onView, onReload }: { initial: ApplicationView; onView: OnView; onReload: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const id = initial.id;
  const [view, setViewLocal] = useState(initial);
  const [form, setForm] = useState<ApplicationForm>(initial.form);
  const formRef = useRef(form);
  const versionRef = useRef(initial.version);
  const dirtyRef = useRef(false);
  const conflictRef = useRef(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  const [inFlight, setInFlight] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<SubmitRefusal | null>(null);
  const [serverPaths, setServerPaths] = useState<string[]>([]);
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const applyView = useCallback(
    (v: ApplicationView) => {
      versionRef.current = v.version;
      setViewLocal(v);
      onView(v);
    },
    [onView],
  );

  /** Runs server operations one after another, each with the latest version. */
  const enqueue = useCallback(<T,>(op: () => Promise<T>): Promise<T> => {
    setInFlight((n) => n + 1);
    const run = queue.current.then(op);
    queue.current = run.catch(() => undefined);
    return run.finally(() => setInFlight((n) => n - 1));
  }, []);

  const saveNow = useCallback(async () => {
    if (conflictRef.current || !dirtyRef.current) return;
    dirtyRef.current = false;
    setSaveState('saving');
    try {
      const v = await applicationsApi.saveDraft(id, { version: versionRef.current, form: formRef.current });
      applyView(v);
      setSavedAt(new Date());
      setSaveError(null);
      setSaveState(dirtyRef.current ? 'saving' : 'saved');
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        conflictRef.current = true;
        setSaveState('conflict');
      } else {
        dirtyRef.current = true;
        setSaveError(errorMessage(e));
        setSaveState('error');
        if (e instanceof ApiError && e.status === 400) setServerPaths(asFieldErrors(e.details).map((f) => f.path));
      }
    }
  }, [id, applyView]);

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    return enqueue(saveNow);
  }, [enqueue, saveNow]);

  const update = useCallback(
    (patch: Partial<ApplicationForm>) => {
      if (conflictRef.current) return;
      const next = { ...formRef.current, ...patch };
      formRef.current = next;
      setForm(next);
      dirtyRef.current = true;
      setSaveState('saving');
      setServerPaths((p) =>
        p.length ? p.filter((x) => !Object.keys(patch).some((k) => x === `form.${k}` || x.startsWith(`form.${k}.`))) : p,
      );
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void enqueue(saveNow), 1000);
    },
    [enqueue, saveNow],
  );

  // Leaving the page: save what is pending; closing the tab with unsaved edits asks first.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current && !conflictRef.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      if (timer.current !== undefined) {
        window.clearTimeout(timer.current);
        void enqueue(saveNow);
      }
    };
  }, [enqueue, saveNow]);

  const setUnits = useCallback(
    (units: { orgId: string; role: string }[]) => {
      void enqueue(async () => {
        try {
          applyView(await applicationsApi.setUnits(id, { version: versionRef.current, units }));
        } catch (e) {
          if (e instanceof ApiError && e.status === 409 && e.code === 'conflict') {
            conflictRef.current = true;
            setSaveState('conflict');
          } else message.error(errorMessage(e));
        }
      });
    },
    [enqueue, applyView, id, message],
  );

  const liveRules = useMemo(() => {
    try {
      return evaluateApplication(overlayForm(view.facts, form), view.params, view.decisions);
    } catch {
      return view.rules;
    }
  }, [view.facts, view.params, view.decisions, view.rules, form]);
  const problems: FormProblem[] = useMemo(() => formProblems(form, view.formContext), [form, view.formContext]);

  const errorAt = useMemo(
    () => matcher([...serverPaths, ...(attempted ? problems.map((p) => p.path) : [])]),
    [serverPaths, attempted, problems],
  );

  async function submit() {
    setAttempted(true);
    setRefusal(null);
    setSubmitting(true);
    try {
      await flush();
      if (conflictRef.current || dirtyRef.current) return;
      await enqueue(async () => applyView(await applicationsApi.submit(id, versionRef.current)));
      message.success(t('applications.submit.done'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const d = (e.details ?? {}) as { rules?: string[]; results?: RuleResult[] };
        setRefusal({ kind: 'rules', message: e.message, codes: d.rules ?? [], results: d.results ?? [] });
      } else if (e instanceof ApiError && e.status === 400) {
        const fields = asFieldErrors(e.details);
        setServerPaths(fields.map((f) => f.path));
        setRefusal({ kind: 'validation', message: e.message, fields });
      } else if (e instanceof ApiError && e.status === 409) {
        if (e.code === 'conflict') {
          conflictRef.current = true;
          setSaveState('conflict');
        }
        setRefusal({ kind: 'state', message: e.message });
      } else setRefusal({ kind: 'other', message: errorMessage(e) });
    } finally {
      setSubmitting(false);
    }
  }

  const busy = inFlight > 0 || saveState === 'saving';
  const callOpen = view.call.state === 'open';
  const blocking = liveRules.filter((r) => r.blocking);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ReturnedNotice view={view} />
          <PrefilledPanel view={view} />
          <ApplicationBody view={view} form={form} readOnly={false} update={update} errorAt={errorAt} />
          <UnitsPanel view={view} editable onUnits={setUnits} errorAt={errorAt} />
          <AttachmentsPanel view={view} editable enqueue={enqueue} onView={applyView} errorAt={errorAt} />
        </Space>
      </Col>
      <Col xs={24} xl={8}>
        <div style={{ position: 'sticky', top: 16 }}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" data-testid="submit-card">
              <Space orientation="vertical" style={{ width: '100%' }}>
                <AutosaveStatus
                  state={saveState}
                  savedAt={savedAt}
                  error={saveError}
                  onRetry={() => {
                    dirtyRef.current = true;
                    void flush();
                  }}
                  onReload={onReload}
                />
                {!callOpen && <Alert type="warning" showIcon title={t('applications.submit.callClosed')} />}
                {refusal && <SubmitRefusalBox refusal={refusal} />}
                <Space wrap>
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    disabled={busy || saveState === 'conflict' || !callOpen}
                    loading={submitting}
                    onClick={() => void submit()}
                    data-testid="submit-application"
                    data-ready={blocking.length === 0 && problems.length === 0 ? 'true' : 'false'}
                  >
                    {view.status === 'returned' ? t('applications.submit.resubmit') : t('applications.submit.button')}
                  </Button>
                  <WithdrawButton view={view} onView={applyView} />
                </Space>
                <Typography.Text type="secondary">{t('applications.submit.help')}</Typography.Text>
              </Space>
            </Card>
            <RulesPanel results={liveRules} live problems={problems} />
            <CheckHistory view={view} />
          </Space>
        </div>
      </Col>
    </Row>
  );
}

/** A participating unit confirms or declines taking part. */
export function ParticipationBox({ view, onView }: { view: ApplicationView; onView: OnView }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'confirm' | 'decline' | null>(null);
  const mine = view.units.find((u) => u.orgId === user?.orgId);
  if (!mine) return null;
  async function decide(decision: 'confirm' | 'decline') {
    setBusy(decision);
    try {
      onView(await applicationsApi.confirmUnit(view.id, { decision, reason: reason.trim() || undefined }));
      message.success(t(`applications.participation.done.${decision}`));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  const state = mine.confirmedAt ? 'confirmed' : mine.declinedAt ? 'declined' : 'pending';
  return (
    <Card size="small" title={t('applications.participation.title')} data-testid="participation-box" data-state={state}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('applications.participation.help', { org: view.applicant.name, role: mine.role || '—' })}</Typography.Text>
        {state === 'confirmed' && (
          <Alert type="success" showIcon title={t('applications.participation.confirmedAt', { at: formatInstant(mine.confirmedAt) })} />
        )}
        {state === 'declined' && (
          <Alert
            type="warning"
            showIcon
            title={t('applications.participation.declinedAt', { at: formatInstant(mine.declinedAt), reason: mine.declineReason ?? '' })}
          />
        )}
        {state === 'pending' && (
          <>
            <Input.TextArea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={1000}
              placeholder={t('applications.participation.reason')}
              data-testid={`unit-reason-${view.id}`}
            />
            <Space>
              <Button
                type="primary"
                loading={busy === 'confirm'}
                disabled={busy === 'decline'}
                onClick={() => void decide('confirm')}
                data-testid={`unit-confirm-${view.id}`}
              >
                {t('applications.participation.confirm')}
              </Button>
              <Button
                danger
                loading={busy === 'decline'}
                disabled={busy === 'confirm'}
                onClick={() => void decide('decline')}
                data-testid={`unit-decline-${view.id}`}
              >
                {t('applications.participation.decline')}
              </Button>
            </Space>
          </>
        )}
      </Space>
    </Card>
  );
}

/** The project the application became (立项 / 认定): its code, the decision's 文号, the city funds in 万元. */
function ProjectCard({ project }: { project: NonNullable<ApplicationView['project']> }) {
  const { t, lang } = useI18n();
  const approved = project.kind === 'approved';
  return (
    <Card
      size="small"
      title={
        <Space>
          <CheckCircleOutlined style={{ color: '#52c41a' }} />
          {t(approved ? 'applications.project.approved' : 'applications.project.recognised')}
        </Space>
      }
      data-testid="application-project"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'c', label: t('applications.project.code'), children: <b data-testid="project-code">{project.code}</b> },
          { key: 'd', label: t('applications.project.docNumber'), children: project.docNumber },
          { key: 't', label: t('applications.project.decision'), children: project.decisionTitle },
          {
            key: 'a',
            label: t('applications.project.amount'),
            children: approved ? formatWan(project.approvedAmount, lang) : t('applications.project.noFunds'),
          },
          { key: 'at', label: t('applications.project.at'), children: formatInstant(project.approvedAt) },
        ]}
      />
    </Card>
  );
}

/** Read-only application for the applicant after submission, participating units and staff. */
function ReadOnlyView({ view, onView, officer }: { view: ApplicationView; onView: OnView; officer: boolean }) {
  const { t, lang } = useI18n();
  const rulesExtra =
    officer && ['submitted', 'formal_passed'].includes(view.status)
      ? (r: RuleResult) => <RuleDecisionForm view={view} r={r} onView={onView} />
      : undefined;
  const canFormal = view.allowedEvents.some((e) => e === 'formal_pass' || e === 'formal_return' || e === 'formal_reject');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ReturnedNotice view={view} />
          {!officer && !view.isApplicant && <ParticipationBox view={view} onView={onView} />}
          {view.isApplicant && view.allowedEvents.includes('withdraw') && (
            <Card size="small">
              <WithdrawButton view={view} onView={onView} />
            </Card>
          )}
          <PrefilledPanel view={view} />
          <ApplicationBody view={view} form={view.form} readOnly update={() => undefined} errorAt={noErrors} />
          <UnitsPanel view={view} editable={false} />
          <AttachmentsPanel view={view} editable={false} />
          {view.isApplicant && ['submitted', 'formal_passed'].includes(view.status) && <ExclusionsCard applicationId={view.id} />}
        </Space>
      </Col>
      <Col xs={24} xl={9}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {view.project && <ProjectCard project={view.project} />}
          {(view.amount !== null || view.verification) && (
            <Card size="small" title={t('applications.verification.title')} data-testid="verification-result">
              <Descriptions
                size="small"
                column={1}
                items={[
                  ...(view.verification
                    ? [
                        { key: 'i', label: t('applications.officer.investment'), children: formatWan(view.verification.investment, lang) },
                        { key: 'o', label: t('applications.officer.output'), children: formatWan(view.verification.output, lang) },
                        { key: 's', label: t('applications.officer.sales'), children: formatWan(view.verification.sales, lang) },
                        { key: 'j', label: t('applications.officer.jobs'), children: view.verification.jobs },
                      ]
                    : []),
                  ...(view.amount !== null
                    ? [
                        {
                          key: 'a',
                          label: t('applications.verification.amount'),
                          children: <b data-testid="application-amount">{formatWan(view.amount, lang)}</b>,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          )}
          {officer && canFormal && <FormalCheckPanel view={view} onView={onView} />}
          {officer && view.allowedEvents.includes('verify') && <VerifyPanel view={view} onView={onView} />}
          {officer && view.allowedEvents.includes('recheck') && <RecheckPanel view={view} onView={onView} />}
          <RulesPanel
            results={view.rules}
            live={false}
            problems={officer ? undefined : view.problems.length ? view.problems : undefined}
            extra={rulesExtra}
          />
          <CheckHistory view={view} />
        </Space>
      </Col>
    </Row>
  );
}

/** /app/applications/:id — the application, by role. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const [view, setView] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const load = useCallback(() => {
    let live = true;
    setError(null);
    applicationsApi.get(id).then(
      (v) => {
        if (!live) return;
        setView(v);
        setGeneration((g) => g + 1);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => load(), [load]);

  if (error && !view)
    return (
      <div data-testid="application-page">
        <LoadError error={error} onRetry={load} />
      </div>
    );
  if (!view) return <PageSpin />;
  const officer = hasRole('officer');
  const editing = view.isApplicant && view.canEdit;
  const title = view.form.title?.trim() || t('applications.untitled');
  return (
    <div data-testid="application-page" data-mode={editing ? 'edit' : officer ? 'officer' : 'read'} data-status={view.status}>
      <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 16 }}>
        <Link to="/app/applications">← {t('applications.list.back')}</Link>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }} data-testid="application-title">
          {title}
        </Typography.Title>
        <Space wrap>
          <StatusTag status={view.status} />
          <TrackTag track={view.track} />
          {view.round > 0 && <Tag data-testid="application-round">{t('applications.round', { n: view.round })}</Tag>}
          <Typography.Text type="secondary">
            <Link to={`/calls/${view.call.id}`}>{callTitle(view.call, lang)}</Link> ·{' '}
            {t('applications.callCloses', { at: formatInstant(view.call.closesAt) })}
          </Typography.Text>
          {view.submittedAt && (
            <Typography.Text type="secondary">{t('applications.submittedAt', { at: formatInstant(view.submittedAt) })}</Typography.Text>
          )}
        </Space>
      </Space>
      {editing ? (
        <ApplicantEditor key={`${view.id}-${generation}`} initial={view} onView={setView} onReload={load} />
      ) : (
        <ReadOnlyView view={view} onView={setView} officer={officer} />
      )}
    </div>
  );
}
