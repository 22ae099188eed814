import { useEffect, useState } from 'react';
import { Alert, App, Button, Input, Modal, Radio, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { SELECTION_OBJECTIVES, type SelectionCandidateOut, type SelectionObjective, type SelectionOut } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { selectionApi } from './api';
import { money } from './shared';

export interface PinRequest {
  candidate: SelectionCandidateOut;
  pin: 'in' | 'out' | null;
}

/** Pin a candidate in or out, or clear its pin, with a reason (PUT …/selection/pins/:applicationId). */
export function PinModal({
  request,
  planId,
  onClose,
  onDone,
}: {
  request: PinRequest | null;
  planId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReason('');
    setError(null);
  }, [request]);
  const ok = reason.trim().length >= 2;

  async function submit() {
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      await selectionApi.pin(planId, request.candidate.applicationId, { pin: request.pin, reason: reason.trim() });
      message.success(t('selection.pin.saved'));
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const title = request
    ? t(request.pin === 'in' ? 'selection.pin.titleIn' : request.pin === 'out' ? 'selection.pin.titleOut' : 'selection.pin.titleClear', {
        title: request.candidate.title,
      })
    : '';
  return (
    <Modal
      open={!!request}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!ok} onClick={() => void submit()} data-testid="pin-submit">
          {t('common.save')}
        </Button>,
      ]}
    >
      {request?.pin === 'in' && <Typography.Paragraph type="secondary">{t('selection.pin.inHelp')}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="pin-error" />}
      <Typography.Text>{t('selection.pin.reason')}</Typography.Text>
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        showCount
        autoSize={{ minRows: 2, maxRows: 6 }}
        status={reason && !ok ? 'error' : undefined}
        placeholder={t('selection.pin.reasonShort')}
        data-testid="pin-reason"
      />
    </Modal>
  );
}

/** Confirm the selection with the chosen objective and a reason (POST …/selection/confirm). */
export function ConfirmButton({
  data,
  planId,
  initial,
  onDone,
  disabled,
}: {
  data: SelectionOut;
  planId: string;
  initial: SelectionObjective;
  onDone: () => void;
  disabled?: boolean;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [objective, setObjective] = useState<SelectionObjective>(initial);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plan = data.plans[objective];
  const ok = reason.trim().length >= 2 && plan.feasible;

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await selectionApi.confirm(planId, { objective, reason: reason.trim() });
      message.success(t('selection.confirm.done'));
      setOpen(false);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        disabled={disabled}
        onClick={() => {
          setObjective(initial);
          setReason('');
          setError(null);
          setOpen(true);
        }}
        data-testid="selection-confirm"
      >
        {t('selection.confirm')}
      </Button>
      <Modal
        open={open}
        title={t('selection.confirm')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={[
          <Button key="cancel" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="ok"
            type="primary"
            loading={busy}
            disabled={!ok}
            onClick={() => void submit()}
            data-testid="selection-confirm-submit"
          >
            {t('selection.confirm.submit')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">{t('selection.confirm.help')}</Typography.Paragraph>
        {data.openReviews.length > 0 && <Alert type="warning" showIcon title={t('selection.openReviews')} style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="selection-confirm-error" />}
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('selection.confirm.objective')}</Typography.Text>
          <Radio.Group
            value={objective}
            onChange={(e) => setObjective(e.target.value as SelectionObjective)}
            data-testid="selection-objective"
          >
            <Space orientation="vertical">
              {SELECTION_OBJECTIVES.map((o) => (
                <Radio key={o} value={o} data-testid={`selection-objective-${o}`}>
                  {t(`selection.objective.${o}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          {plan.feasible ? (
            <Typography.Text data-testid="selection-confirm-summary">
              {t('selection.confirm.summary', { n: plan.totals.count, amount: money(plan.totals.amount, lang) })}
            </Typography.Text>
          ) : (
            <Typography.Text type="danger">{t('selection.confirm.infeasible')}</Typography.Text>
          )}
          <Typography.Text strong>{t('selection.confirm.reason')}</Typography.Text>
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('selection.pin.reasonShort')}
            data-testid="selection-reason"
          />
        </Space>
      </Modal>
    </>
  );
}
