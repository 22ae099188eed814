import { useState } from 'react';
import { Alert, Button, Card, Col, Divider, Form, Input, Result, Row, Select, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ORG_TYPE_LABELS, ORG_TYPES, RegisterUnitInput, normaliseUscc, type OrgType } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { RegionSelect } from '../../components/RegionSelect';
import { UsccInput, usccMessage } from '../../components/UsccInput';
import { useI18n } from '../../i18n/I18nProvider';

interface Values {
  uscc: string;
  name: string;
  type: OrgType;
  regionCode: string;
  address?: string;
  adminName: string;
  adminEmail: string;
  password: string;
  confirm: string;
}

export function RegisterPage() {
  const { t, tx } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const adminEmail = Form.useWatch('adminEmail', form) ?? '';
  const adminName = Form.useWatch('adminName', form) ?? '';
  const identity = { email: adminEmail, name: adminName };

  async function onFinish(v: Values) {
    setError(null);
    const body = {
      uscc: normaliseUscc(v.uscc),
      name: v.name.trim(),
      type: v.type,
      regionCode: v.regionCode,
      ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      admin: { name: v.adminName.trim(), email: v.adminEmail.trim(), password: v.password },
    };
    const parsed = RegisterUnitInput.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(true);
    try {
      const res = await endpoints.register(body);
      setDone(res.orgName || body.name);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="rd-auth-wrap">
        <Card className="rd-wide-card">
          <Result
            status="success"
            title={t('register.doneTitle')}
            subTitle={t('register.doneBody', { org: done })}
            extra={
              <Link to="/login">
                <Button type="primary">{t('nav.login')}</Button>
              </Link>
            }
            data-testid="register-done"
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="rd-auth-wrap">
      <Card className="rd-wide-card" data-testid="register-page">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('register.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="register-error" />}
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ type: 'enterprise', regionCode: '440106' }}>
          <Divider titlePlacement="start">{t('register.unitSection')}</Divider>
          <Form.Item
            name="uscc"
            label={t('register.uscc')}
            extra={t('register.usccHelp')}
            validateTrigger={['onChange', 'onBlur']}
            rules={[
              { required: true, message: t('common.required') },
              {
                validator: (_, v: string | undefined) => {
                  const m = usccMessage(v, t);
                  return m ? Promise.reject(new Error(m)) : Promise.resolve();
                },
              },
            ]}
          >
            <UsccInput />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('register.orgName')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={200} data-testid="register-name" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="type" label={t('register.orgType')} rules={[{ required: true, message: t('common.required') }]}>
                <Select data-testid="register-type" options={ORG_TYPES.map((o) => ({ value: o, label: tx(ORG_TYPE_LABELS[o]) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="regionCode" label={t('register.region')} rules={[{ required: true, message: t('common.required') }]}>
                <RegionSelect testId="register-region" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="address" label={t('register.address')}>
            <Input maxLength={300} data-testid="register-address" />
          </Form.Item>

          <Divider titlePlacement="start">{t('register.adminSection')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                name="adminName"
                label={t('register.adminName')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input maxLength={100} data-testid="register-admin-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item
                name="adminEmail"
                label={t('register.adminEmail')}
                rules={[
                  { required: true, message: t('common.required') },
                  {
                    validator: (_, v: string | undefined) =>
                      !v || RegisterUnitInput.shape.admin.shape.email.safeParse(v).success
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('login.emailInvalid'))),
                  },
                ]}
              >
                <Input autoComplete="username" data-testid="register-admin-email" />
              </Form.Item>
            </Col>
          </Row>
          <NewPasswordFields
            label={t('register.password')}
            confirmLabel={t('register.confirmPassword')}
            identity={identity}
            dependencies={['adminEmail', 'adminName']}
            testIds={{ password: 'register-password', confirm: 'register-confirm' }}
          />
          <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="register-submit">
            {t('register.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
