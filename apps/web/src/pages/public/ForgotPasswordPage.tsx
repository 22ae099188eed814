import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { RequestPasswordResetInput } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useI18n } from '../../i18n/I18nProvider';

/** "Forgot password": asks for the e-mail; the answer is the same whether or not it has an account. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function onFinish(v: { email: string }) {
    setError(null);
    setBusy(true);
    try {
      await endpoints.requestPasswordReset({ email: v.email.trim() });
      setSent(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <div className="rd-auth-wrap">
        <Card className="rd-auth-card">
          <Result
            status="success"
            title={t('forgot.sentTitle')}
            subTitle={t('forgot.sentBody')}
            extra={
              <Link to="/login">
                <Button type="primary">{t('forgot.backToLogin')}</Button>
              </Link>
            }
            data-testid="forgot-sent"
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="rd-auth-wrap">
      <Card className="rd-auth-card" data-testid="forgot-password-page">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('forgot.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('forgot.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="forgot-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[
              { required: true, message: t('common.required') },
              {
                validator: (_, v: string | undefined) =>
                  !v || RequestPasswordResetInput.shape.email.safeParse(v.trim()).success
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('login.emailInvalid'))),
              },
            ]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" data-testid="forgot-email" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="forgot-submit">
            {t('forgot.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center', marginBottom: 0 }}>
          <Link to="/login">{t('forgot.backToLogin')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
