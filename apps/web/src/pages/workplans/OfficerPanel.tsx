import { useState } from 'react';
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import type { WorkplanView } from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { workplansApi } from './api';
import { ErrorAlert, OverrideNote, RuleLine, formatInstant, type Actions } from './shared';

const MIN_REASON = 5;

/** (h) For officers: override 3.1.h with a written reason; reopen a finalised plan with a reason; the decisions so far. */
export function OfficerPanel({ view, actions, reload }: { view: WorkplanView; actions: Actions; reload: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [reopenTouched, setReopenTouched] = useState(false);
  const r31h = view.planRules.find((r) => r.code === '3.1.h');
  const reasonOk = reason.trim().length >= MIN_REASON;
  const reopenOk = reopenReason.trim().length >= MIN_REASON;

  async function override() {
    setTouched(true);
    if (!reasonOk) return;
    const ok = await actions.run('override', () =>
      workplansApi.ruleDecision(view.id, { code: '3.1.h', kind: 'override', reason: reason.trim() }),
    );
    if (ok) {
      setReason('');
      setTouched(false);
    }
  }

  async function reopen() {
    setReopenTouched(true);
    if (!reopenOk) return;
    const ok = await actions.run('reopen', () => workplansApi.reopen(view.id, { reason: reopenReason.trim() }));
    if (ok) {
      setReopenReason('');
      setReopenTouched(false);
    }
  }

  return (
    <Card size="small" title={t('workplans.officer.title')} data-testid="officer-panel" style={{ marginTop: 16 }}>
      {r31h && <RuleLine r={r31h} testId="officer-rule-3.1.h" />}
      <div data-testid="override-3.1.h" style={{ marginTop: 8 }}>
        <Typography.Text strong>{t('workplans.officer.overrideTitle')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {r31h?.outcome === 'fail' ? t('workplans.officer.overrideHelpFailing') : t('workplans.officer.overrideHelp')}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={reason}
          status={touched && !reasonOk ? 'error' : undefined}
          placeholder={t('workplans.officer.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="override-reason"
          aria-label={t('workplans.officer.reason')}
        />
        {touched && !reasonOk && (
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="override-reason-error">
            {t('workplans.officer.reasonRequired', { n: MIN_REASON })}
          </Typography.Text>
        )}
        <div style={{ marginTop: 8 }}>
          <Button type="primary" loading={actions.busy === 'override'} onClick={() => void override()} data-testid="override-submit">
            {t('workplans.officer.overrideSubmit')}
          </Button>
        </div>
        {actions.errors.override ? (
          <div style={{ marginTop: 8 }}>
            <ErrorAlert error={actions.errors.override} testId="override-error" onReload={reload} />
          </div>
        ) : null}
      </div>

      {view.status === 'finalised' && (
        <div data-testid="workplan-reopen" style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('workplans.officer.reopenTitle')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {t('workplans.officer.reopenHelp')}
          </Typography.Paragraph>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            value={reopenReason}
            status={reopenTouched && !reopenOk ? 'error' : undefined}
            placeholder={t('workplans.officer.reasonPlaceholder')}
            onChange={(e) => setReopenReason(e.target.value)}
            data-testid="reopen-reason"
            aria-label={t('workplans.officer.reason')}
          />
          {reopenTouched && !reopenOk && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="reopen-reason-error">
              {t('workplans.officer.reasonRequired', { n: MIN_REASON })}
            </Typography.Text>
          )}
          <div style={{ marginTop: 8 }}>
            <Button danger loading={actions.busy === 'reopen'} onClick={() => void reopen()} data-testid="reopen-submit">
              {t('workplans.officer.reopenSubmit')}
            </Button>
          </div>
          {actions.errors.reopen ? (
            <div style={{ marginTop: 8 }}>
              <ErrorAlert error={actions.errors.reopen} testId="reopen-error" onReload={reload} />
            </div>
          ) : null}
        </div>
      )}

      <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
        {t('workplans.officer.decisions')}
      </Typography.Text>
      {view.decisions.length === 0 ? (
        <Alert type="info" showIcon title={t('workplans.officer.noDecisions')} style={{ marginTop: 8 }} />
      ) : (
        <List
          size="small"
          data-testid="decision-list"
          dataSource={[...view.decisions].reverse()}
          renderItem={(d, i) => (
            <List.Item key={`${d.code}-${d.at}-${i}`} data-testid={`decision-${i}`}>
              <Space orientation="vertical" size={0}>
                <Space size={4}>
                  <Tag>{d.code}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatInstant(d.at)}
                  </Typography.Text>
                </Space>
                <OverrideNote decision={d} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
