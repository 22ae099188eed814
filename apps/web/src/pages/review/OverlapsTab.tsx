import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Modal,
  Pagination,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { CheckOutlined, CloseOutlined, ScanOutlined } from '@ant-design/icons';
import type { OverlapFlagOut, ReviewOut } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewApi } from './api';
import { runs, sharedMarks } from './highlight';
import { RefusalAlert, formatInstant, pct } from './shared';

type FlagStatus = OverlapFlagOut['status'];
type Filter = 'all' | FlagStatus;
const FLAG_PAGE = 10;
const SHOWN_PASSAGES = 2;
const STATUS_COLOR: Record<FlagStatus, string> = { open: 'warning', dismissed: 'default', confirmed: 'error' };

/** 一题多报: scan the review's applications, then dismiss or confirm each flag with a note. */
export function OverlapsTab({ review, canEdit }: { review: ReviewOut; canEdit: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useApi(() => reviewApi.overlaps(review.id), [review.id]);
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [appFilter, setAppFilter] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<{ flag: OverlapFlagOut; status: 'dismissed' | 'confirmed' } | null>(null);

  async function scan() {
    setScanning(true);
    setError(null);
    try {
      const r = await reviewApi.scan(review.id);
      message.success(t('review.overlap.scanned', { n: r.items.length }));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setScanning(false);
    }
  }

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={list.reload} />;
  const all = list.data?.items ?? [];
  const items = all.filter((f) => (filter === 'all' || f.status === filter) && (!appFilter || f.applicationId === appFilter));
  const pageItems = items.slice((page - 1) * FLAG_PAGE, page * FLAG_PAGE);
  const appOptions = [...new Map(all.map((f) => [f.applicationId, f.applicationTitle])).entries()].map(([value, label]) => ({
    value,
    label,
  }));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space orientation="vertical" size={0}>
            <Typography.Text type="secondary">{t('review.overlap.scanHint')}</Typography.Text>
            <Typography.Text type="secondary" data-testid="overlap-scanned-at">
              {list.data?.scannedAt
                ? t('review.overlap.scannedAt', { at: formatInstant(list.data.scannedAt) })
                : t('review.overlap.neverScanned')}
            </Typography.Text>
          </Space>
          <Space wrap>
            <Segmented<Filter>
              value={filter}
              onChange={(v) => {
                setFilter(v);
                setPage(1);
              }}
              options={[
                { value: 'all', label: t('common.all') },
                { value: 'open', label: t('review.overlap.status.open') },
                { value: 'confirmed', label: t('review.overlap.status.confirmed') },
                { value: 'dismissed', label: t('review.overlap.status.dismissed') },
              ]}
              data-testid="overlap-filter"
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('review.overlap.filterApp')}
              aria-label={t('review.overlap.filterApp')}
              value={appFilter}
              onChange={(v: string | undefined) => {
                setAppFilter(v);
                setPage(1);
              }}
              options={appOptions}
              style={{ width: 260 }}
              data-testid="overlap-filter-app"
            />
            {canEdit && (
              <Button type="primary" icon={<ScanOutlined />} loading={scanning} onClick={() => void scan()} data-testid="overlap-scan">
                {t('review.overlap.scan')}
              </Button>
            )}
          </Space>
        </Space>
        <div style={{ marginTop: 12 }}>
          <RefusalAlert error={error} testId="overlap-error" onClose={() => setError(null)} />
        </div>
      </Card>
      <div data-testid="overlap-list">
        {items.length === 0 ? (
          <Empty description={t('review.overlap.empty')} />
        ) : (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Text type="secondary" data-testid="overlap-count">
              {t('common.total', { n: items.length })}
            </Typography.Text>
            {pageItems.map((f) => (
              <FlagCard key={f.id} flag={f} canEdit={canEdit} onDecide={(status) => setDeciding({ flag: f, status })} />
            ))}
            {items.length > FLAG_PAGE && (
              <Pagination
                current={page}
                pageSize={FLAG_PAGE}
                total={items.length}
                onChange={setPage}
                showSizeChanger={false}
                style={{ textAlign: 'right' }}
                data-testid="overlap-pages"
              />
            )}
          </Space>
        )}
      </div>
      {deciding && (
        <DecideModal
          flag={deciding.flag}
          status={deciding.status}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            message.success(t('review.overlap.decided'));
            list.reload();
          }}
        />
      )}
    </Space>
  );
}

function FlagCard({
  flag,
  canEdit,
  onDecide,
}: {
  flag: OverlapFlagOut;
  canEdit: boolean;
  onDecide: (s: 'dismissed' | 'confirmed') => void;
}) {
  const { t } = useI18n();
  const [allPassages, setAllPassages] = useState(false);
  const passages = allPassages ? flag.passages : flag.passages.slice(0, SHOWN_PASSAGES);
  return (
    <Card
      size="small"
      data-testid={`overlap-flag-${flag.id}`}
      data-status={flag.status}
      title={
        <Space wrap>
          <Tag color={STATUS_COLOR[flag.status]} data-testid="overlap-status">
            {t(`review.overlap.status.${flag.status}`)}
          </Tag>
          <Typography.Text strong>{flag.applicationTitle}</Typography.Text>
        </Space>
      }
      extra={
        canEdit ? (
          <Space>
            <Button
              size="small"
              icon={<CloseOutlined />}
              disabled={flag.status === 'dismissed'}
              onClick={() => onDecide('dismissed')}
              data-testid={`overlap-dismiss-${flag.id}`}
            >
              {t('review.overlap.dismiss')}
            </Button>
            <Button
              size="small"
              danger
              icon={<CheckOutlined />}
              disabled={flag.status === 'confirmed'}
              onClick={() => onDecide('confirmed')}
              data-testid={`overlap-confirm-${flag.id}`}
            >
              {t('review.overlap.confirm')}
            </Button>
          </Space>
        ) : undefined
      }
    >
      <Space wrap size={[16, 4]} style={{ marginBottom: 8 }}>
        <span>
          {t('review.overlap.other')}
          {t('review.colon')}
          <Tag color={flag.otherKind === 'national' ? 'purple' : 'blue'}>{t(`review.overlap.kind.${flag.otherKind}`)}</Tag>
          <Typography.Text code>{flag.otherLabel}</Typography.Text> {flag.otherTitle}
        </span>
        <span>
          {t('review.overlap.similarity')}
          {t('review.colon')}
          <Typography.Text strong data-testid="overlap-similarity">
            {pct(flag.similarity)}
          </Typography.Text>
        </span>
        <span>
          {t('review.overlap.containment')}
          {t('review.colon')}
          <Typography.Text strong data-testid="overlap-containment">
            {pct(flag.containment)}
          </Typography.Text>
        </span>
      </Space>
      {flag.note && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="overlap-note-shown">
          {t('review.overlap.note')}
          {t('review.colon')}
          {flag.note}
        </Typography.Paragraph>
      )}
      {flag.passages.length > 0 && (
        <>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('review.overlap.passages')}
          </Typography.Text>
          <Row gutter={12} style={{ marginTop: 4 }}>
            <Col span={12}>
              <Typography.Text strong>{t('review.overlap.application')}</Typography.Text>
            </Col>
            <Col span={12}>
              <Typography.Text strong>
                {t(`review.overlap.kind.${flag.otherKind}`)} {flag.otherLabel}
              </Typography.Text>
            </Col>
          </Row>
          {passages.map((p, i) => (
            <Passage key={i} passage={p} />
          ))}
          {flag.passages.length > SHOWN_PASSAGES && (
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 0 }}
              onClick={() => setAllPassages((v) => !v)}
              data-testid={`overlap-more-${flag.id}`}
            >
              {allPassages ? t('review.overlap.fewerPassages') : t('review.overlap.allPassages', { n: flag.passages.length })}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

function Passage({ passage }: { passage: OverlapFlagOut['passages'][number] }) {
  const { t } = useI18n();
  const marks = useMemo(() => sharedMarks(passage.text, passage.otherText), [passage.text, passage.otherText]);
  const box = {
    background: '#fafafa',
    border: '1px solid #f0f0f0',
    borderRadius: 6,
    padding: 8,
    height: '100%',
    whiteSpace: 'pre-wrap' as const,
  };
  return (
    <Row gutter={12} style={{ marginTop: 8 }} data-testid="overlap-passage">
      <Col span={12}>
        <div style={box}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('review.overlap.passageAt', { start: passage.start + 1, end: passage.end })}
          </Typography.Text>
          <Marked text={passage.text} marks={marks.a} />
        </div>
      </Col>
      <Col span={12}>
        <div style={box}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('review.overlap.passageAt', { start: passage.otherStart + 1, end: passage.otherEnd })}
          </Typography.Text>
          <Marked text={passage.otherText} marks={marks.b} />
        </div>
      </Col>
    </Row>
  );
}

function Marked({ text, marks }: { text: string; marks: boolean[] }) {
  return (
    <span>
      {runs(text, marks).map((r, i) =>
        r.shared ? (
          <mark key={i} style={{ background: '#ffe58f', padding: 0 }} data-testid="overlap-shared">
            {r.text}
          </mark>
        ) : (
          <span key={i}>{r.text}</span>
        ),
      )}
    </span>
  );
}

function DecideModal({
  flag,
  status,
  onClose,
  onDone,
}: {
  flag: OverlapFlagOut;
  status: 'dismissed' | 'confirmed';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState(flag.note);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooShort = note.trim().length < 2;

  async function decide() {
    if (tooShort) return;
    setBusy(true);
    setError(null);
    try {
      await reviewApi.decide(flag.id, status, note.trim());
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
      title={t(`review.overlap.decideTitle.${status}`)}
      onCancel={onClose}
      onOk={() => void decide()}
      okText={status === 'confirmed' ? t('review.overlap.confirm') : t('review.overlap.dismiss')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger: status === 'confirmed', disabled: tooShort, 'data-testid': 'overlap-decide-submit' } as ButtonProps}
      destroyOnHidden
      data-testid="overlap-decide-modal"
    >
      <RefusalAlert error={error} testId="overlap-decide-error" />
      <Typography.Paragraph>{flag.applicationTitle}</Typography.Paragraph>
      <Typography.Text>{t('review.overlap.note')}</Typography.Text>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('review.reasonMin')}
        status={note.length > 0 && tooShort ? 'error' : undefined}
        data-testid="overlap-note"
      />
    </Modal>
  );
}
