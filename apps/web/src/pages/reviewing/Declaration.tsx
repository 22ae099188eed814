import { useState } from 'react';
import { Alert, App, Button, Card, Input, Radio, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ExpertTaskOut } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { reviewingApi } from './api';
import { ApplicantName } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

const RULES: MessageKey[] = [
  'reviewing.declare.rule.same_unit',
  'reviewing.declare.rule.same_group',
  'reviewing.declare.rule.consortium_member',
  'reviewing.declare.rule.participating_unit',
  'reviewing.declare.rule.national_coparticipation',
  'reviewing.declare.rule.other',
];

/** The no-conflict declaration an expert makes before the application opens (docs/review.md, step 4). */
export function DeclarationCard({ task, onDone }: { task: ExpertTaskOut; onDone: () => void }) {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  const { message, modal } = App.useApp();
  const [kind, setKind] = useState<'no_conflict' | 'conflict' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonOk = reason.trim().length >= 2;

  async function send() {
    if (!kind) return;
    setBusy(true);
    setError(null);
    try {
      await reviewingApi.declare(task.assignmentId, kind === 'conflict' ? { kind, reason: reason.trim() } : { kind });
      message.success(t('reviewing.declare.done'));
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    if (kind === 'conflict') {
      modal.confirm({ title: t('reviewing.declare.confirmConflict'), onOk: send, okButtonProps: { danger: true } });
    } else void send();
  }

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('reviewing.declare.title')}
        </Space>
      }
      data-testid="declaration"
      style={{ maxWidth: 860 }}
    >
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {task.title}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {lang === 'zh' ? task.callTitleZh : task.callTitleEn} · <ApplicantName name={task.applicantName} /> · {fieldName(task.fieldCode)}
      </Typography.Paragraph>
      <Typography.Paragraph>{t('reviewing.declare.intro')}</Typography.Paragraph>
      <ol data-testid="declare-rules" style={{ paddingInlineStart: 20 }}>
        {RULES.map((k) => (
          <li key={k}>{t(k, { n: task.conflictYears })}</li>
        ))}
      </ol>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="declare-error" />}
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as 'no_conflict' | 'conflict')}>
        <Space orientation="vertical">
          <Radio value="no_conflict" data-testid="declare-no-conflict">
            {t('reviewing.declare.noConflict')}
          </Radio>
          <Radio value="conflict" data-testid="declare-conflict">
            {t('reviewing.declare.conflict')}
          </Radio>
        </Space>
      </Radio.Group>
      {kind === 'conflict' && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text>{t('reviewing.declare.reason')}</Typography.Text>
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('reviewing.declare.reasonHelp')}
            status={reason && !reasonOk ? 'error' : undefined}
            data-testid="declare-reason"
          />
        </div>
      )}
      <div style={{ marginTop: 16 }}>
        <Button
          type="primary"
          danger={kind === 'conflict'}
          disabled={!kind || (kind === 'conflict' && !reasonOk)}
          loading={busy}
          onClick={submit}
          data-testid="declare-submit"
        >
          {t('reviewing.declare.submit')}
        </Button>
        {!kind && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
            {t('reviewing.declare.choose')}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}
