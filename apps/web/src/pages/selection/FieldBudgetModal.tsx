import { Alert, App, Button, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { selectionApi } from './api';
import { errorMessage } from '../../api/client';

export interface FieldBudgetRequest {
  fieldCode: string;
  label: string;
  budget: number | null;
  maxProjects: number | null;
}

/**
 * An officer's allotment for one field (3.2.g, 分领域组织遴选): a budget in 万元 and / or a number of projects,
 * with a reason; clearing both removes it. The server re-solves the three plans with it.
 */
export function FieldBudgetModal({
  request,
  planId,
  onClose,
  onDone,
}: {
  request: FieldBudgetRequest | null;
  planId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [wan, setWan] = useState<number | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setWan(request?.budget === null || request?.budget === undefined ? null : request.budget / 10_000);
    setCount(request?.maxProjects ?? null);
    setReason('');
    setError(null);
  }, [request]);
  const ok = reason.trim().length >= 2;

  async function submit() {
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      await selectionApi.fieldBudget(planId, request.fieldCode, {
        budget: wan === null ? null : Math.round(wan) * 10_000,
        maxProjects: count,
        reason: reason.trim(),
      });
      message.success(t('selection.allot.saved'));
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!request}
      title={request ? t('selection.allot.title', { name: request.label }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!ok} onClick={() => void submit()} data-testid="allot-submit">
          {t('common.save')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('selection.allot.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="allot-error" />}
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('selection.allot.budget')}</span>
        <InputNumber min={0} precision={0} value={wan} onChange={(v) => setWan(v)} addonAfter="万元" data-testid="allot-budget" />
        <span>{t('selection.allot.count')}</span>
        <InputNumber min={0} precision={0} value={count} onChange={(v) => setCount(v)} data-testid="allot-count" />
      </Space>
      <Typography.Text>{t('selection.allot.reason')}</Typography.Text>
      <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="allot-reason" />
    </Modal>
  );
}
