import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { ROLES, ROLE_LABELS, type Role } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { UserRow } from '../../api/types';
import { PasswordChecklist, isPasswordOk } from '../../components/PasswordChecklist';
import { useI18n } from '../../i18n/I18nProvider';

interface Values {
  email: string;
  name: string;
  roles: Role[];
  orgId?: string;
  personId?: string;
  password?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Create a user (editing === null) or edit one's name, roles and links. */
export function UserFormModal({
  open,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: UserRow | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, tx } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const password = Form.useWatch('password', form) ?? '';
  const email = Form.useWatch('email', form) ?? '';
  const name = Form.useWatch('name', form) ?? '';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        email: editing.email,
        name: editing.name,
        roles: editing.roles,
        orgId: editing.orgId ?? '',
        personId: editing.personId ?? '',
      });
    }
  }, [open, editing, form]);

  async function onFinish(v: Values) {
    setError(null);
    setBusy(true);
    const orgId = v.orgId?.trim() || null;
    const personId = v.personId?.trim() || null;
    try {
      if (editing) {
        await endpoints.updateUser(editing.id, { name: v.name.trim(), roles: v.roles, orgId, personId });
      } else {
        await endpoints.createUser({
          email: v.email.trim(),
          name: v.name.trim(),
          roles: v.roles,
          orgId,
          personId,
          password: v.password ?? '',
        });
      }
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const uuidRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v || UUID.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('common.invalidId'))),
  };

  return (
    <Modal
      open={open}
      title={editing ? t('users.edit') : t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={600}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="user-form">
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[
            { required: true, message: t('common.required') },
            { type: 'email', message: t('login.emailInvalid') },
          ]}
        >
          <Input disabled={!!editing} data-testid="user-form-email" />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="user-form-name" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, message: t('common.required') }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: tx(ROLE_LABELS[r]) }))} data-testid="user-form-roles" />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.orgId')} rules={[uuidRule]}>
          <Input data-testid="user-form-org" />
        </Form.Item>
        <Form.Item name="personId" label={t('users.personId')} rules={[uuidRule]}>
          <Input data-testid="user-form-person" />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item
              name="password"
              label={t('users.initialPassword')}
              rules={[
                { required: true, message: t('common.required') },
                {
                  validator: (_, v: string | undefined) =>
                    !v || isPasswordOk(v, { email, name }) ? Promise.resolve() : Promise.reject(new Error(t('register.passwordWeak'))),
                },
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-form-password" />
            </Form.Item>
            <PasswordChecklist password={password} identity={{ email, name }} />
          </>
        )}
      </Form>
    </Modal>
  );
}
