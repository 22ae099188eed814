import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LoginInput } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/app';
}

export function LoginPage() {
  const { t } = useI18n();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (user) return <Navigate to={next} replace />;

  async function onFinish(values: { email: string; password: string }) {
    setError(null);
    setBusy(true);
    try {
      await login(values.email.trim(), values.password);
      void navigate(next, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rd-auth-wrap">
      <Card className="rd-auth-card" data-testid="login-page">
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>
          {t('login.title')}
        </Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="login-form">
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[
              { required: true, message: t('common.required') },
              {
                validator: (_, v: string | undefined) =>
                  !v || LoginInput.shape.email.safeParse(v).success
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('login.emailInvalid'))),
              },
            ]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" data-testid="login-email" size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required') }]}
            extra={
              <Link to="/forgot-password" data-testid="login-forgot">
                {t('login.forgot')}
              </Link>
            }
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center', marginBottom: 0 }}>
          {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
