import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { continuationAmount, formatWan, type ApplicationView, type RuleResult } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { applicationsApi } from './api';
import { WanInput } from './FormTables';
import { Row, Rows, formatInstant, itemText } from './shared';

type OnView = (v: ApplicationView) => void;

/** Rules settled by their own step (verification, re-check), not by a rule decision. */
const SETTLED_ELSEWHERE = new Set(['3.3.e', '3.4.b']);

/** Which decisions an officer may record on this result now. */
export function decisionKinds(r: RuleResult): ('override' | 'confirm' | 'refuse')[] {
  if (SETTLED_ELSEWHERE.has(r.code)) return [];
  if (r.inPrinciple && r.outcome === 'fail' && !r.decision) return ['override'];
  if (r.outcome === 'needs_review') return ['confirm', 'refuse'];
  if (r.decision && r.decision.kind !== 'override') return ['confirm', 'refuse'];
  return [];
}

/** An officer's decision on one rule: an override of an in-principle failure, or confirm / refuse of a needs-review result. */
export function RuleDecisionForm({ view, r, onView }: { view: ApplicationView; r: RuleResult; onView: OnView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const kinds = decisionKinds(r);
  if (kinds.length === 0) return null;
  const ok = reason.trim().length >= 5;
  async function decide(kind: 'override' | 'confirm' | 'refuse') {
    setBusy(kind);
    try {
      onView(await applicationsApi.ruleDecision(view.id, { code: r.code, kind, reason: reason.trim() }));
      setReason('');
      message.success(t('applications.officer.decisionSaved'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div data-testid={`rule-decision-${r.code}`} style={{ background: '#fafafa', padding: 8, borderRadius: 6, marginTop: 4 }}>
      <Typography.Text type="secondary">
        {kinds.includes('override') ? t('applications.officer.overrideHelp') : t('applications.officer.reviewHelp')}
      </Typography.Text>
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 5 }}
        maxLength={2000}
        placeholder={t('applications.officer.reasonPlaceholder')}
        status={reason && !ok ? 'error' : undefined}
        data-testid={`rule-decision-${r.code}-reason`}
        style={{ margin: '6px 0' }}
      />
      <Space>
        {kinds.map((k) => (
          <Button
            key={k}
            size="small"
            type={k === 'refuse' ? 'default' : 'primary'}
            danger={k === 'refuse'}
            disabled={!ok || (busy !== null && busy !== k)}
            loading={busy === k}
            onClick={() => void decide(k)}
            data-testid={`rule-decision-${r.code}-${k}`}
          >
            {t(`applications.officer.kind.${k}`)}
          </Button>
        ))}
        {!ok && <Typography.Text type="secondary">{t('applications.officer.reasonMin')}</Typography.Text>}
      </Space>
    </div>
  );
}

type ChecklistState = Record<string, { ok: boolean; note: string }>;

function Checklist({ view, state, setState }: { view: ApplicationView; state: ChecklistState; setState: (s: ChecklistState) => void }) {
  const { t, lang } = useI18n();
  if (view.call.checklist.length === 0)
    return <Empty description={t('applications.officer.noChecklist')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={view.call.checklist}
      columns={[
        {
          title: t('applications.officer.checkItem'),
          key: 'item',
          render: (_, c) => (
            <Checkbox
              checked={state[c.key]?.ok ?? false}
              onChange={(e) => setState({ ...state, [c.key]: { ok: e.target.checked, note: state[c.key]?.note ?? '' } })}
              data-testid={`check-${c.key}`}
            >
              {itemText(c, lang)}
            </Checkbox>
          ),
        },
        {
          title: t('applications.officer.checkNote'),
          key: 'note',
          width: '40%',
          render: (_, c) => (
            <Input
              value={state[c.key]?.note ?? ''}
              maxLength={1000}
              aria-label={`${itemText(c, lang)} · ${t('applications.officer.checkNote')}`}
              onChange={(e) => setState({ ...state, [c.key]: { ok: state[c.key]?.ok ?? false, note: e.target.value } })}
              data-testid={`check-${c.key}-note`}
            />
          ),
        },
      ]}
    />
  );
}

const toList = (view: ApplicationView, s: ChecklistState) =>
  view.call.checklist.map((c) => ({ key: c.key, ok: s[c.key]?.ok ?? false, note: s[c.key]?.note ?? '' }));

/** The formal check (形式审查): checklist, comment, pass / return / reject. */
export function FormalCheckPanel({ view, onView }: { view: ApplicationView; onView: OnView }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [state, setState] = useState<ChecklistState>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const blocking = view.rules.filter((r) => r.blocking);
  const reviewing = view.rules.filter((r) => r.outcome === 'needs_review' && !SETTLED_ELSEWHERE.has(r.code));
  const allChecked = view.call.checklist.every((c) => state[c.key]?.ok);
  const can = (e: 'formal_pass' | 'formal_return' | 'formal_reject') => view.allowedEvents.includes(e);

  async function send(decision: 'pass' | 'return' | 'reject') {
    setBusy(decision);
    setError(null);
    try {
      onView(await applicationsApi.formalCheck(view.id, { decision, checklist: toList(view, state), comment: comment.trim() }));
      message.success(t(`applications.officer.done.${decision}`));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  function confirmThen(decision: 'pass' | 'return' | 'reject') {
    modal.confirm({
      title: t(`applications.officer.confirm.${decision}`),
      okText: t('common.yes'),
      cancelText: t('common.cancel'),
      onOk: () => send(decision),
    });
  }
  const needsComment = comment.trim().length < 2;
  return (
    <Card title={t('applications.officer.formalCheck')} size="small" data-testid="formal-check">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {blocking.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('applications.officer.blockingRules', { codes: blocking.map((r) => r.code).join(', ') })}
          />
        )}
        {reviewing.length > 0 && (
          <Alert
            type="info"
            showIcon
            title={t('applications.officer.reviewingRules', { codes: reviewing.map((r) => r.code).join(', ') })}
            data-testid="formal-reviewing"
          />
        )}
        <Checklist view={view} state={state} setState={setState} />
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={5000}
          placeholder={t('applications.officer.commentPlaceholder')}
          data-testid="formal-comment"
        />
        {error && <Alert type="error" showIcon title={error} data-testid="formal-error" />}
        <Space wrap>
          <Button
            type="primary"
            disabled={!can('formal_pass') || blocking.length > 0 || !allChecked || (busy !== null && busy !== 'pass')}
            loading={busy === 'pass'}
            onClick={() => confirmThen('pass')}
            data-testid="formal-pass"
          >
            {t('applications.officer.pass')}
          </Button>
          <Button
            disabled={!can('formal_return') || needsComment || (busy !== null && busy !== 'return')}
            loading={busy === 'return'}
            onClick={() => confirmThen('return')}
            data-testid="formal-return"
          >
            {t('applications.officer.return')}
          </Button>
          <Button
            danger
            disabled={!can('formal_reject') || needsComment || (busy !== null && busy !== 'reject')}
            loading={busy === 'reject'}
            onClick={() => confirmThen('reject')}
            data-testid="formal-reject"
          >
            {t('applications.officer.reject')}
          </Button>
        </Space>
        <Typography.Text type="secondary">{t('applications.officer.formalHelp')}</Typography.Text>
      </Space>
    </Card>
  );
}

/** 3.3.e: the officer verifies the implementation; the amount follows from the call's formula. */
export function VerifyPanel({ view, onView }: { view: ApplicationView; onView: OnView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [investment, setInvestment] = useState<number | null>(null);
  const [output, setOutput] = useState<number | null>(null);
  const [sales, setSales] = useState<number | null>(null);
  const [jobs, setJobs] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = investment !== null && output !== null && sales !== null && jobs !== null;
  const amount = investment !== null ? continuationAmount({ investment, output: 0, sales: 0, jobs: 0 }, view.params) : null;
  async function send() {
    if (!ready) return;
    setBusy(true);
    try {
      onView(await applicationsApi.verify(view.id, { investment, output, sales, jobs, comment: comment.trim() }));
      message.success(t('applications.officer.verified'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('applications.officer.verifyTitle')} size="small" data-testid="verify-implementation">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('applications.officer.verifyHelp', {
            pct: view.params.continuationSharePct,
            cap: formatWan(view.params.continuationCap, lang),
          })}
        </Typography.Text>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'i',
              label: t('applications.officer.investment'),
              children: <WanInput value={investment} onChange={setInvestment} testId="verify-investment" />,
            },
            {
              key: 'o',
              label: t('applications.officer.output'),
              children: <WanInput value={output} onChange={setOutput} testId="verify-output" />,
            },
            {
              key: 's',
              label: t('applications.officer.sales'),
              children: <WanInput value={sales} onChange={setSales} testId="verify-sales" />,
            },
            {
              key: 'j',
              label: t('applications.officer.jobs'),
              children: (
                <InputNumber
                  min={0}
                  max={1_000_000}
                  precision={0}
                  value={jobs}
                  onChange={(v) => setJobs(typeof v === 'number' ? v : null)}
                  style={{ width: '100%' }}
                  data-testid="verify-jobs"
                />
              ),
            },
          ]}
        />
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={5000}
          placeholder={t('applications.officer.commentPlaceholder')}
          data-testid="verify-comment"
        />
        <Typography.Text strong data-testid="verify-amount">
          {t('applications.officer.computedAmount')}
          {amount === null ? '—' : formatWan(amount, lang)} <Tag>3.3.e</Tag>
        </Typography.Text>
        <Button type="primary" disabled={!ready} loading={busy} onClick={() => void send()} data-testid="verify-submit">
          {t('applications.officer.verify')}
        </Button>
      </Space>
    </Card>
  );
}

/** 3.4.b: the bureau's re-check of a recognition application. */
export function RecheckPanel({ view, onView }: { view: ApplicationView; onView: OnView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [state, setState] = useState<ChecklistState>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'pass' | 'fail' | null>(null);
  async function send(passed: boolean) {
    setBusy(passed ? 'pass' : 'fail');
    try {
      onView(await applicationsApi.recheck(view.id, { passed, checklist: toList(view, state), comment: comment.trim() }));
      message.success(t('applications.officer.rechecked'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <Card title={t('applications.officer.recheckTitle')} size="small" data-testid="recheck">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('applications.officer.recheckHelp')}</Typography.Text>
        <Checklist view={view} state={state} setState={setState} />
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={5000}
          placeholder={t('applications.officer.commentPlaceholder')}
          data-testid="recheck-comment"
        />
        <Space>
          <Button
            type="primary"
            loading={busy === 'pass'}
            disabled={busy === 'fail'}
            onClick={() => void send(true)}
            data-testid="recheck-pass"
          >
            {t('applications.officer.recheckPass')}
          </Button>
          <Button
            danger
            loading={busy === 'fail'}
            disabled={busy === 'pass' || comment.trim().length < 2}
            onClick={() => void send(false)}
            data-testid="recheck-fail"
          >
            {t('applications.officer.recheckFail')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

const DECISION_COLORS: Record<ApplicationView['checks'][number]['decision'], string> = {
  pass: 'success',
  return: 'warning',
  reject: 'error',
  recheck: 'blue',
  verify: 'blue',
};

/** Every formal check, re-check and verification, by round, with the officer's comment. */
export function CheckHistory({ view }: { view: ApplicationView }) {
  const { t, lang } = useI18n();
  const labelOf = (key: string) => {
    const c = view.call.checklist.find((x) => x.key === key);
    return c ? itemText(c, lang) : key;
  };
  return (
    <Card title={t('applications.history.title')} size="small" data-testid="check-history">
      {view.checks.length === 0 ? (
        <Empty description={t('applications.history.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Rows
          items={[...view.checks].reverse()}
          render={(c, i) => (
            <Row key={i} data-testid={`check-history-${c.round}-${c.decision}`}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag>{t('applications.round', { n: c.round })}</Tag>
                  <Tag color={DECISION_COLORS[c.decision]}>{t(`applications.history.decision.${c.decision}`)}</Tag>
                  <Typography.Text type="secondary">
                    {c.officer} · {formatInstant(c.at)}
                  </Typography.Text>
                </Space>
                {c.comment && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.comment}</Typography.Paragraph>}
                {c.checklist.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.checklist
                      .map(
                        (x) => `${x.ok ? '✔' : '✘'} ${labelOf(x.key)}${x.note ? (lang === 'zh' ? `（${x.note}）` : ` (${x.note})`) : ''}`,
                      )
                      .join(lang === 'zh' ? '；' : '; ')}
                  </Typography.Text>
                )}
              </Space>
            </Row>
          )}
        />
      )}
    </Card>
  );
}
