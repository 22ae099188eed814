import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ROLES, ROLE_LABELS, type Role } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { UserRow, UserStatus } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UserStatusTag } from '../../components/UserStatusTag';
import { useI18n } from '../../i18n/I18nProvider';
import { UserFormModal } from './UserFormModal';
import { usePaging } from '../../hooks/usePaging';

const STATUSES: UserStatus[] = ['pending', 'active', 'disabled'];

export function UsersPage() {
  const { t, tx } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [status, setStatus] = useState<UserStatus | undefined>();
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const [modal, setModal] = useState<{ open: boolean; editing: UserRow | null }>({ open: false, editing: null });
  const { data, error, loading, reload } = useApi(
    () => endpoints.users({ q, role, status, page, pageSize }),
    [q, role, status, page, pageSize],
  );

  async function act(fn: () => Promise<unknown>, ok: string) {
    try {
      await fn();
      message.success(ok);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const isLocked = (u: UserRow) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());

  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })} data-testid="users-create">
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('common.searchPlaceholder')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 280 }}
            data-testid="users-search"
          />
          <Select
            allowClear
            placeholder={t('users.filterRole')}
            aria-label={t('users.filterRole')}
            style={{ width: 200 }}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            options={ROLES.map((r) => ({ value: r, label: tx(ROLE_LABELS[r]) }))}
          />
          <Select
            allowClear
            placeholder={t('users.filterStatus')}
            aria-label={t('users.filterStatus')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
          />
        </Space>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<UserRow>
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            scroll={{ x: 1000 }}
            pagination={pagination(data?.total)}
            columns={[
              { title: t('users.name'), dataIndex: 'name' },
              { title: t('users.email'), dataIndex: 'email' },
              {
                title: t('users.roles'),
                dataIndex: 'roles',
                render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{tx(ROLE_LABELS[r])}</Tag>),
              },
              { title: t('users.org'), dataIndex: 'orgName', render: (v?: string | null) => v ?? '—' },
              {
                title: t('users.status'),
                key: 'status',
                render: (_, u) => (
                  <Space size={4}>
                    <UserStatusTag status={u.status} />
                    {isLocked(u) && (
                      <Tooltip title={t('users.locked', { time: dayjs(u.lockedUntil).format('YYYY-MM-DD HH:mm') })}>
                        <Tag color="red" icon={<LockOutlined />} />
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              {
                title: t('users.lastLogin'),
                dataIndex: 'lastLoginAt',
                render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                fixed: 'right',
                render: (_, u) => (
                  <Space size={0} wrap>
                    <Button type="link" size="small" onClick={() => setModal({ open: true, editing: u })} data-testid={`user-edit-${u.id}`}>
                      {t('common.edit')}
                    </Button>
                    {u.status === 'disabled' ? (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => act(() => endpoints.updateUser(u.id, { status: 'active' }), t('common.saved'))}
                        data-testid={`user-enable-${u.id}`}
                      >
                        {t('users.enable')}
                      </Button>
                    ) : (
                      <Popconfirm
                        title={t('users.disableConfirm')}
                        onConfirm={() => act(() => endpoints.updateUser(u.id, { status: 'disabled' }), t('common.saved'))}
                      >
                        <Button type="link" size="small" danger data-testid={`user-disable-${u.id}`}>
                          {t('users.disable')}
                        </Button>
                      </Popconfirm>
                    )}
                    {isLocked(u) && (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => act(() => endpoints.unlockUser(u.id), t('users.unlocked'))}
                        data-testid={`user-unlock-${u.id}`}
                      >
                        {t('users.unlock')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <UserFormModal
        open={modal.open}
        editing={modal.editing}
        onClose={() => setModal({ open: false, editing: null })}
        onSaved={() => {
          message.success(modal.editing ? t('common.saved') : t('users.created'));
          setModal({ open: false, editing: null });
          reload();
        }}
      />
    </div>
  );
}
