import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
  Divider,
  Input,
  InputNumber,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleOutlined, LoadingOutlined, SendOutlined } from '@ant-design/icons';
import { weightedTotal, type CriterionScore, type ExpertReviewOut } from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { formatInstant } from '../applications/shared';
import { reviewingApi, savedVersion } from './api';
import { fmtScore } from './shared';

type Criterion = ExpertReviewOut['criteria'][number];
type Scale = ExpertReviewOut['scale'];

/** One criterion being scored: a value (null = not yet), or "not applicable", and a comment. */
interface Entry {
  value: number | null;
  na: boolean;
  comment: string;
}

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

const AUTOSAVE_MS = 1000;

/** The nearest value on the scale (min + k·step, within min..max). */
export function snap(v: number, scale: Scale): number {
  const k = Math.round((v - scale.min) / scale.step);
  const s = Math.round((scale.min + k * scale.step) * 1e6) / 1e6;
  return Math.min(scale.max, Math.max(scale.min, s));
}

function initialEntries(review: ExpertReviewOut): Record<string, Entry> {
  const mine = new Map(review.mine.scores.map((s) => [s.criterion, s]));
  const out: Record<string, Entry> = {};
  for (const c of review.criteria) {
    const s = mine.get(c.key);
    out[c.key] = s ? { value: s.value, na: s.value === null, comment: s.comment ?? '' } : { value: null, na: false, comment: '' };
  }
  return out;
}

/** The scores to send: every criterion with a value or marked not applicable (null). */
function toScores(criteria: Criterion[], entries: Record<string, Entry>, scale: Scale): CriterionScore[] {
  const out: CriterionScore[] = [];
  for (const c of criteria) {
    const e = entries[c.key];
    if (!e) continue;
    if (e.na) out.push({ criterion: c.key, value: null, comment: e.comment.trim() });
    else if (e.value !== null) out.push({ criterion: c.key, value: snap(e.value, scale), comment: e.comment.trim() });
  }
  return out;
}

/**
 * The scoring panel: per criterion a score on the review's scale or "not applicable", with comments; the
 * live weighted total on 0–100; autosave about a second after a change (PUT with the version, 409 = changed
 * elsewhere → reload); submit with confirmation.
 */
export function ScoringPanel({ review, onReload }: { review: ExpertReviewOut; onReload: () => void }) {
  const { t, tx } = useI18n();
  const { message, modal } = App.useApp();
  const { criteria, scale } = review;
  const editable = review.state === 'scoring' && review.reviewStatus === 'scoring' && !review.mine.submittedAt;
  const [entries, setEntries] = useState<Record<string, Entry>>(() => initialEntries(review));
  const [comment, setComment] = useState(review.mine.comment);
  const [state, setState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const version = useRef(review.mine.version);
  const latest = useRef({ entries, comment });
  latest.current = { entries, comment };
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);

  const scores = useMemo(() => toScores(criteria, entries, scale), [criteria, entries, scale]);
  const total = useMemo(() => weightedTotal(criteria, scale, scores).total, [criteria, scores, scale]);
  const missing = criteria.length - scores.length;

  /** Saves the latest values; resolves true when saved (false on failure; 409 reloads). */
  const save = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    dirty.current = false;
    const { entries: es, comment: cm } = latest.current;
    setState('saving');
    const run = (async () => {
      try {
        const answer = await reviewingApi.save(review.assignmentId, {
          scores: toScores(criteria, es, scale),
          comment: cm.trim(),
          version: version.current,
        });
        version.current = savedVersion(answer, version.current + 1);
        setSaveError(null);
        setState(dirty.current ? 'dirty' : 'saved');
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          message.warning(t('reviewing.score.stale'));
          onReload();
          return false;
        }
        dirty.current = true;
        setSaveError(errorMessage(e));
        setState('error');
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [criteria, scale, review.assignmentId, message, t, onReload]);

  const touch = useCallback(() => {
    dirty.current = true;
    setState('dirty');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  }, [save]);

  // Leaving the page within the autosave delay still saves the last change.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current) void saveRef.current();
    },
    [],
  );

  const setEntry = (key: string, patch: Partial<Entry>) => {
    setEntries((es) => ({ ...es, [key]: { ...es[key]!, ...patch } }));
    touch();
  };

  async function doSubmit() {
    setSubmitting(true);
    try {
      if (timer.current) clearTimeout(timer.current);
      const ok = await save();
      if (!ok) return;
      await reviewingApi.submit(review.assignmentId, version.current);
      message.success(t('reviewing.score.submitted'));
      onReload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  }

  function confirmSubmit() {
    modal.confirm({
      title: t('reviewing.score.submit'),
      content: (
        <>
          <p>{t('reviewing.score.submitConfirm')}</p>
          <p>
            {t('reviewing.score.total')}: <b>{fmtScore(total)}</b>
          </p>
        </>
      ),
      okButtonProps: { 'data-testid': 'score-submit-confirm' } as ButtonProps,
      onOk: doSubmit,
    });
  }

  return (
    <Card
      size="small"
      title={t('reviewing.score.title')}
      data-testid="scoring-panel"
      data-editable={editable ? 'true' : 'false'}
      extra={editable ? <SaveIndicator state={state} /> : undefined}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('reviewing.score.scale', { min: scale.min, max: scale.max, step: scale.step })}
      </Typography.Paragraph>
      {review.mine.submittedAt && (
        <Alert
          type="success"
          showIcon
          title={t('reviewing.score.submittedAt', { at: formatInstant(review.mine.submittedAt) })}
          style={{ marginBottom: 12 }}
          data-testid="score-submitted"
        />
      )}
      {!editable && !review.mine.submittedAt && (
        <Alert type="info" showIcon title={t('reviewing.score.readOnly')} style={{ marginBottom: 12 }} />
      )}
      {state === 'error' && saveError && (
        <Alert
          type="error"
          showIcon
          title={t('reviewing.score.saveFailed', { msg: saveError })}
          style={{ marginBottom: 12 }}
          data-testid="score-save-error"
          action={
            <Button size="small" onClick={() => void save()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {criteria.length === 0 && <Typography.Text type="secondary">{t('reviewing.score.noCriteria')}</Typography.Text>}
      {criteria.map((c) => {
        const e = entries[c.key]!;
        return (
          <div key={c.key} data-testid={`criterion-${c.key}`} style={{ marginBottom: 12 }}>
            <div style={{ marginBottom: 4 }}>
              <Typography.Text strong>{tx(c)}</Typography.Text> <Tag>{t('reviewing.score.weight', { w: c.weight })}</Tag>
            </div>
            <Space wrap align="center">
              <InputNumber
                min={scale.min}
                max={scale.max}
                step={scale.step}
                value={e.na ? null : e.value}
                disabled={!editable || e.na}
                onChange={(v) => setEntry(c.key, { value: typeof v === 'number' ? v : null })}
                onBlur={() => {
                  const v = entries[c.key]?.value;
                  if (v !== null && v !== undefined && snap(v, scale) !== v) setEntry(c.key, { value: snap(v, scale) });
                }}
                style={{ width: 120 }}
                aria-label={tx(c)}
                data-testid={`score-${c.key}`}
              />
              <Checkbox
                checked={e.na}
                disabled={!editable}
                onChange={(ev) => setEntry(c.key, { na: ev.target.checked })}
                data-testid={`score-na-${c.key}`}
              >
                {t('reviewing.score.na')}
              </Checkbox>
            </Space>
            <Input.TextArea
              value={e.comment}
              disabled={!editable}
              onChange={(ev) => setEntry(c.key, { comment: ev.target.value })}
              maxLength={2000}
              autoSize={{ minRows: 1, maxRows: 6 }}
              placeholder={t('reviewing.score.comment')}
              aria-label={t('reviewing.score.comment')}
              style={{ marginTop: 6 }}
              data-testid={`score-comment-${c.key}`}
            />
          </div>
        );
      })}
      <Divider style={{ margin: '12px 0' }} />
      <Typography.Text strong>{t('reviewing.score.overall')}</Typography.Text>
      <Input.TextArea
        value={comment}
        disabled={!editable}
        onChange={(ev) => {
          setComment(ev.target.value);
          touch();
        }}
        maxLength={4000}
        showCount
        autoSize={{ minRows: 3, maxRows: 10 }}
        aria-label={t('reviewing.score.overall')}
        data-testid="score-comment"
      />
      <Divider style={{ margin: '12px 0' }} />
      <Space align="end" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Statistic
          title={t('reviewing.score.total')}
          value={total === null ? t('reviewing.score.totalNone') : fmtScore(total)}
          data-testid="score-total"
          data-total={total === null ? '' : String(Math.round(total * 100) / 100)}
        />
        <Typography.Text type="secondary" data-testid="score-progress">
          {t('reviewing.score.progress', { done: scores.length, all: criteria.length })}
        </Typography.Text>
      </Space>
      {editable && (
        <div style={{ marginTop: 12 }}>
          {missing > 0 && (
            <Typography.Paragraph type="warning" style={{ marginBottom: 8 }}>
              {t('reviewing.score.incomplete', { n: missing })}
            </Typography.Paragraph>
          )}
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={missing > 0 || criteria.length === 0}
            loading={submitting}
            onClick={confirmSubmit}
            data-testid="score-submit"
          >
            {t('reviewing.score.submit')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useI18n();
  return (
    <span data-testid="score-save-state" data-state={state}>
      {state === 'saving' && (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('reviewing.score.saving')}
        </Typography.Text>
      )}
      {state === 'saved' && (
        <Typography.Text type="success">
          <CheckCircleOutlined /> {t('reviewing.score.saved')}
        </Typography.Text>
      )}
      {state === 'dirty' && <Typography.Text type="secondary">{t('reviewing.score.dirty')}</Typography.Text>}
    </span>
  );
}

/** Others' scores: shown once the expert has submitted; until then a note says they are hidden. */
export function OthersScores({ review }: { review: ExpertReviewOut }) {
  const { t, tx, lang } = useI18n();
  const submitted = !!review.mine.submittedAt;
  return (
    <Card size="small" title={t('reviewing.others.title')} data-testid="others-scores" data-visible={submitted ? 'true' : 'false'}>
      {!submitted ? (
        <Typography.Text type="secondary" data-testid="others-hidden">
          {t('reviewing.others.hidden')}
        </Typography.Text>
      ) : (
        <Table
          rowKey="expertLabel"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={review.others}
          locale={{ emptyText: t('reviewing.others.none') }}
          expandable={{
            rowExpandable: (r) => !!r.comment || r.scores.some((s) => s.comment),
            expandedRowRender: (r) => (
              <Space orientation="vertical" size={4}>
                {r.scores
                  .filter((s) => s.comment)
                  .map((s) => {
                    const c = review.criteria.find((x) => x.key === s.criterion);
                    return (
                      <div key={s.criterion}>
                        <Typography.Text strong>{c ? tx(c) : s.criterion}</Typography.Text>
                        {lang === 'zh' ? '：' : ': '}
                        {s.comment}
                      </div>
                    );
                  })}
                {r.comment && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.comment}</Typography.Paragraph>}
              </Space>
            ),
          }}
          columns={[
            { title: t('reviewing.others.expert'), dataIndex: 'expertLabel' },
            ...review.criteria.map((c) => ({
              title: tx(c),
              key: c.key,
              render: (_: unknown, r: ExpertReviewOut['others'][number]) => {
                const s = r.scores.find((x) => x.criterion === c.key);
                return s ? s.value === null ? <Tag>{t('reviewing.score.na')}</Tag> : fmtScore(s.value) : '—';
              },
            })),
            {
              title: t('reviewing.others.total'),
              dataIndex: 'total',
              render: (v: number | null) => <b>{fmtScore(v)}</b>,
            },
          ]}
        />
      )}
    </Card>
  );
}
