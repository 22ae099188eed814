import { useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { CheckCircleOutlined, LockOutlined, SendOutlined } from '@ant-design/icons';
import { AGGREGATIONS, TIE_BREAKS, type ReviewOut, type ReviewSettings, type ReviewSettingsPatch } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewApi } from './api';
import { RefusalAlert, fieldErrorsOf } from './shared';

type Values = ReviewSettings & { reason?: string };

/** Settings fixed once the assignments are released. */
const SETUP_ONLY = ['expertsPerApplication', 'onePerUnit', 'blind', 'conflictYears', 'exclusionLimit'] as const;
const SCORING = ['scale', 'aggregation', 'trim', 'normalise', 'outlierPoints', 'tieBreaks', 'objective'] as const;

/** The review's settings form: saved with PATCH, showing the server's field errors. */
export function SettingsPanel({ review, canEdit, onSaved }: { review: ReviewOut; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const aggregation = Form.useWatch('aggregation', form);
  const closed = review.status === 'closed';
  const setupLocked = !canEdit || review.status !== 'setup';
  const scoringLocked = !canEdit || closed;

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const s = review.settings;
    const patch: ReviewSettingsPatch = {};
    const fields = review.status === 'setup' ? [...SETUP_ONLY, ...SCORING] : [...SCORING];
    for (const f of fields) {
      const next = v[f];
      if (JSON.stringify(next) !== JSON.stringify(s[f])) (patch as Record<string, unknown>)[f] = next;
    }
    if (Object.keys(patch).length === 0) {
      message.info(t('review.settings.noChange'));
      return;
    }
    if (v.reason?.trim()) patch.reason = v.reason.trim();
    setSaving(true);
    setError(null);
    try {
      await reviewApi.patchSettings(review.id, patch);
      message.success(t('review.settings.saved'));
      form.setFieldValue('reason', '');
      onSaved();
    } catch (e) {
      const fe = fieldErrorsOf(e);
      if (fe.length > 0) form.setFields(fe as Parameters<typeof form.setFields>[0]);
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const setupExtra =
    review.status !== 'setup' ? (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <LockOutlined /> {t('review.settings.setupOnly')}
      </Typography.Text>
    ) : null;

  return (
    <Card size="small" title={t('review.settings.title')} data-testid="review-settings">
      {closed && <Alert type="info" showIcon title={t('review.settings.locked')} style={{ marginBottom: 12 }} />}
      <RefusalAlert error={error} testId="review-settings-error" onClose={() => setError(null)} />
      <Form<Values> form={form} layout="vertical" initialValues={{ ...review.settings, reason: '' }} key={JSON.stringify(review.settings)}>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Typography.Title level={5}>
              {t('review.settings.assignment')} {setupExtra}
            </Typography.Title>
            <Form.Item name="expertsPerApplication" label={t('review.settings.k')} rules={[{ required: true }]}>
              <InputNumber min={1} max={15} precision={0} disabled={setupLocked} data-testid="settings-k" />
            </Form.Item>
            <Form.Item name="onePerUnit" label={t('review.settings.onePerUnit')} valuePropName="checked">
              <Switch disabled={setupLocked} data-testid="settings-one-per-unit" />
            </Form.Item>
            <Form.Item name="blind" label={t('review.settings.blind')} valuePropName="checked">
              <Switch disabled={setupLocked} data-testid="settings-blind" />
            </Form.Item>
            <Form.Item name="conflictYears" label={t('review.settings.conflictYears')} rules={[{ required: true }]}>
              <InputNumber min={0} max={20} precision={0} disabled={setupLocked} data-testid="settings-conflict-years" />
            </Form.Item>
            <Form.Item name="exclusionLimit" label={t('review.settings.exclusionLimit')} rules={[{ required: true }]}>
              <InputNumber min={0} max={10} precision={0} disabled={setupLocked} data-testid="settings-exclusion-limit" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Title level={5}>{t('review.settings.scoring')}</Typography.Title>
            <Form.Item label={t('review.settings.scale')} required style={{ marginBottom: 0 }}>
              <Space wrap align="start">
                <Form.Item name={['scale', 'min']} label={t('review.settings.scaleMin')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={1000} disabled={scoringLocked} data-testid="settings-scale-min" />
                </Form.Item>
                <Form.Item name={['scale', 'max']} label={t('review.settings.scaleMax')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={1000} disabled={scoringLocked} data-testid="settings-scale-max" />
                </Form.Item>
                <Form.Item name={['scale', 'step']} label={t('review.settings.scaleStep')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} max={100} step={0.5} disabled={scoringLocked} data-testid="settings-scale-step" />
                </Form.Item>
              </Space>
            </Form.Item>
            <Form.Item name="aggregation" label={t('review.settings.aggregation')} rules={[{ required: true }]}>
              <Select
                disabled={scoringLocked}
                style={{ maxWidth: 280 }}
                options={AGGREGATIONS.map((a) => ({ value: a, label: t(`review.settings.aggregation.${a}`) }))}
                data-testid="settings-aggregation"
              />
            </Form.Item>
            <Form.Item name="trim" label={t('review.settings.trim')} extra={t('review.settings.trimHint')} rules={[{ required: true }]}>
              <InputNumber
                min={0}
                max={5}
                precision={0}
                disabled={scoringLocked || aggregation !== 'trimmed_mean'}
                data-testid="settings-trim"
              />
            </Form.Item>
            <Form.Item name="normalise" label={t('review.settings.normalise')} valuePropName="checked">
              <Switch disabled={scoringLocked} data-testid="settings-normalise" />
            </Form.Item>
            <Form.Item name="outlierPoints" label={t('review.settings.outlierPoints')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} disabled={scoringLocked} data-testid="settings-outlier-points" />
            </Form.Item>
            <Form.Item name="tieBreaks" label={t('review.settings.tieBreaks')} extra={t('review.settings.tieBreaksHint')}>
              <Select
                mode="multiple"
                disabled={scoringLocked}
                options={TIE_BREAKS.map((k) => ({ value: k, label: t(`review.tie.${k}`) }))}
                data-testid="settings-tie-breaks"
              />
            </Form.Item>
            <Form.Item name="objective" label={t('review.settings.objective')} extra={t('review.settings.objectiveHint')}>
              <Select
                disabled={scoringLocked}
                options={(['rank', 'merit_amount', 'count'] as const).map((k) => ({ value: k, label: t(`review.objective.${k}`) }))}
                data-testid="settings-objective"
              />
            </Form.Item>
            {canEdit && !closed && (
              <Form.Item name="reason" label={t('review.reason')}>
                <Input maxLength={500} data-testid="settings-reason" />
              </Form.Item>
            )}
          </Col>
        </Row>
        {canEdit && !closed && (
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="settings-save">
            {t('review.settings.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/** Release (setup → scoring) and Close (scoring → closed), each with a confirmation and the refusal's reasons. */
export function TransitionButtons({ review, onDone }: { review: ReviewOut; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState<'release' | 'close' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    if (!open) return;
    setBusy(true);
    setError(null);
    try {
      if (open === 'release') await reviewApi.release(review.id, reason.trim() || undefined);
      else await reviewApi.close(review.id, reason.trim() || undefined);
      message.success(open === 'release' ? t('review.released') : t('review.closed'));
      setOpen(null);
      setReason('');
      onDone();
    } catch (e) {
      setError(e);
      if (!(e instanceof Error)) message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Space>
        {review.status === 'setup' && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen('release')} data-testid="review-release">
            {t('review.release')}
          </Button>
        )}
        {review.status === 'scoring' && (
          <Button type="primary" danger icon={<CheckCircleOutlined />} onClick={() => setOpen('close')} data-testid="review-close">
            {t('review.close')}
          </Button>
        )}
        {review.status === 'closed' && <Tag icon={<LockOutlined />}>{t('review.status.closed')}</Tag>}
      </Space>
      <Modal
        open={open !== null}
        title={open === 'close' ? t('review.close') : t('review.release')}
        onCancel={() => {
          setOpen(null);
          setError(null);
        }}
        onOk={() => void run()}
        okText={open === 'close' ? t('review.close') : t('review.release')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'review-transition-confirm', danger: open === 'close' } as ButtonProps}
        destroyOnHidden
        data-testid="review-transition-modal"
      >
        <Typography.Paragraph>{open === 'close' ? t('review.close.confirm') : t('review.release.confirm')}</Typography.Paragraph>
        <RefusalAlert error={error} testId="review-transition-error" />
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('review.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="review-transition-reason"
        />
      </Modal>
    </>
  );
}
