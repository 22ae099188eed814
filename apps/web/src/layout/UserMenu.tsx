import { Avatar, Button, Dropdown, Space, Typography } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '@rdplan/domain';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';

export function UserMenu() {
  const { user, logout } = useAuth();
  const { t, tx } = useI18n();
  const navigate = useNavigate();
  if (!user) return null;
  const roleText = user.roles.map((r) => tx(ROLE_LABELS[r])).join(' / ');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ maxWidth: 280 }}>
                <div>{user.email}</div>
                {roleText && <Typography.Text type="secondary">{roleText}</Typography.Text>}
                {user.orgName && (
                  <div>
                    <Typography.Text type="secondary">{user.orgName}</Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          { type: 'divider' },
          {
            key: 'password',
            icon: <KeyOutlined />,
            label: <span data-testid="change-password">{t('user.changePassword')}</span>,
            onClick: () => navigate('/app/password'),
          },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            danger: true,
            label: <span data-testid="logout">{t('user.logout')}</span>,
            onClick: async () => {
              await logout();
              void navigate('/login', { replace: true });
            },
          },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu" aria-label={`${user.name} · ${t('user.menu')}`} style={{ color: '#fff', height: 40 }}>
        <Space>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#4096ff' }} />
          <span>{user.name}</span>
          <DownOutlined />
        </Space>
      </Button>
    </Dropdown>
  );
}
