import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { useI18n } from '../../i18n/I18nProvider';

export function AcceptInvitationPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<{ name?: string; password: string; confirm: string }>();
  const name = Form.useWatch('name', form) ?? '';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (!token) {
    return (
      <div className="rd-auth-wrap">
        <Card className="rd-auth-card">
          <Result status="warning" title={t('invite.title')} subTitle={t('invite.missingToken')} data-testid="invite-missing-token" />
        </Card>
      </div>
    );
  }

  if (done) {
    return (
      <div className="rd-auth-wrap">
        <Card className="rd-auth-card">
          <Result
            status="success"
            title={t('invite.doneTitle')}
            subTitle={t('invite.doneBody')}
            extra={
              <Link to="/login">
                <Button type="primary">{t('nav.login')}</Button>
              </Link>
            }
            data-testid="invite-done"
          />
        </Card>
      </div>
    );
  }

  async function onFinish(v: { name?: string; password: string }) {
    setError(null);
    setBusy(true);
    try {
      await endpoints.acceptInvitation({ token, password: v.password, ...(v.name?.trim() ? { name: v.name.trim() } : {}) });
      setDone(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rd-auth-wrap">
      <Card className="rd-auth-card" data-testid="accept-invitation-page">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('invite.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('invite.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="invite-error" />}
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="name" label={t('invite.name')}>
            <Input maxLength={100} data-testid="invite-name" />
          </Form.Item>
          <NewPasswordFields
            label={t('register.password')}
            confirmLabel={t('register.confirmPassword')}
            identity={{ name }}
            testIds={{ password: 'invite-password', confirm: 'invite-confirm' }}
          />
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="invite-submit">
            {t('invite.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
