import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { UsergroupAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ROLE_LABELS, type Role } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { Invitation, UserRow } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { UserStatusTag } from '../../components/UserStatusTag';

interface InviteValues {
  email: string;
  name: string;
  role: 'unit_admin' | 'unit_member';
}

export function MembersPage() {
  const { t, tx } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi(endpoints.members, []);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<InviteValues>();
  const roleLabel = (r: string) => (r in ROLE_LABELS ? tx(ROLE_LABELS[r as Role]) : r);

  async function invite(v: InviteValues) {
    setBusy(true);
    try {
      await endpoints.invite({ email: v.email.trim(), name: v.name.trim(), role: v.role });
      message.success(t('members.invited'));
      setOpen(false);
      form.resetFields();
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="members-page">
      <PageHeader
        title={t('members.title')}
        extra={
          <Button type="primary" icon={<UsergroupAddOutlined />} onClick={() => setOpen(true)} data-testid="members-invite">
            {t('members.invite')}
          </Button>
        }
      />
      {error ? (
        <Card>
          <LoadError error={error} onRetry={reload} />
        </Card>
      ) : (
        <>
          <Card title={t('members.members')} style={{ marginBottom: 16 }}>
            <Table<UserRow>
              rowKey="id"
              loading={loading}
              dataSource={data?.members ?? []}
              pagination={false}
              data-testid="members-table"
              columns={[
                { title: t('users.name'), dataIndex: 'name' },
                { title: t('users.email'), dataIndex: 'email' },
                { title: t('users.roles'), dataIndex: 'roles', render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) },
                { title: t('users.status'), dataIndex: 'status', render: (s: UserRow['status']) => <UserStatusTag status={s} /> },
                {
                  title: t('users.lastLogin'),
                  dataIndex: 'lastLoginAt',
                  render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
                },
              ]}
            />
          </Card>
          <Card title={t('members.invitations')}>
            <Table<Invitation>
              rowKey="id"
              loading={loading}
              dataSource={data?.invitations ?? []}
              pagination={false}
              data-testid="invitations-table"
              columns={[
                { title: t('users.name'), dataIndex: 'name' },
                { title: t('users.email'), dataIndex: 'email' },
                { title: t('members.role'), dataIndex: 'role', render: (r: string) => <Tag>{roleLabel(r)}</Tag> },
                { title: t('members.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
              ]}
            />
          </Card>
        </>
      )}
      <Modal
        open={open}
        title={t('members.invite')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={invite} initialValues={{ role: 'unit_member' }}>
          <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={100} data-testid="invite-member-name" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('users.email')}
            rules={[
              { required: true, message: t('common.required') },
              { type: 'email', message: t('login.emailInvalid') },
            ]}
          >
            <Input data-testid="invite-member-email" />
          </Form.Item>
          <Form.Item name="role" label={t('members.role')}>
            <Select
              options={(['unit_member', 'unit_admin'] as const).map((r) => ({ value: r, label: tx(ROLE_LABELS[r]) }))}
              data-testid="invite-member-role"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
