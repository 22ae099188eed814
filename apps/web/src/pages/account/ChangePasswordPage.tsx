import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { useI18n } from '../../i18n/I18nProvider';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { user, refresh } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const identity = { email: user?.email ?? null, name: user?.name ?? null };

  async function onFinish(v: Values) {
    setError(null);
    setBusy(true);
    try {
      await endpoints.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      message.success(t('password.changed'));
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="change-password-page">
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 560 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <NewPasswordFields
            name="newPassword"
            label={t('password.new')}
            confirmLabel={t('password.confirm')}
            identity={identity}
            testIds={{ password: 'password-new', confirm: 'password-confirm' }}
          />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
