import { useState } from 'react';
import { Alert, Button, Card, Form, Result, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { useI18n } from '../../i18n/I18nProvider';

/** The mailed link's page: sets a new password once (the link works 30 minutes). */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (!token || done) {
    return (
      <div className="rd-auth-wrap">
        <Card className="rd-auth-card">
          <Result
            status={done ? 'success' : 'warning'}
            title={done ? t('reset.doneTitle') : t('reset.title')}
            subTitle={done ? t('reset.doneBody') : t('reset.missingToken')}
            extra={
              <Link to={done ? '/login' : '/forgot-password'}>
                <Button type="primary">{done ? t('nav.login') : t('forgot.title')}</Button>
              </Link>
            }
            data-testid={done ? 'reset-done' : 'reset-missing-token'}
          />
        </Card>
      </div>
    );
  }

  async function onFinish(v: { password: string }) {
    setError(null);
    setBusy(true);
    try {
      await endpoints.resetPassword({ token, password: v.password });
      setDone(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rd-auth-wrap">
      <Card className="rd-auth-card" data-testid="reset-password-page">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('reset.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('reset.intro')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            description={<Link to="/forgot-password">{t('reset.requestAgain')}</Link>}
            style={{ marginBottom: 16 }}
            data-testid="reset-error"
          />
        )}
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <NewPasswordFields
            label={t('password.new')}
            confirmLabel={t('password.confirm')}
            identity={{}}
            testIds={{ password: 'reset-password', confirm: 'reset-confirm' }}
          />
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="reset-submit">
            {t('reset.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
