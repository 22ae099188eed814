import { useEffect, useState } from 'react';
import { Badge, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ROLE_LABELS, type Role } from '@rdplan/domain';
import { endpoints } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { ROLE_SHORTCUTS, navItem } from '../../layout/menu';

/** Live counts shown on some shortcuts: pending registrations, user accounts. Missing on failure. */
function useShortcutCounts(roles: readonly Role[]): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  const staff = roles.includes('admin') || roles.includes('officer');
  const admin = roles.includes('admin');
  useEffect(() => {
    let live = true;
    if (staff) {
      endpoints.registrations().then(
        (rs) => live && setCounts((c) => ({ ...c, '/app/registrations': rs.length })),
        () => undefined,
      );
    }
    if (admin) {
      endpoints.users({ page: 1, pageSize: 1 }).then(
        (r) => live && setCounts((c) => ({ ...c, '/app/users': r.total })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [staff, admin]);
  return counts;
}

function RoleSection({ role, counts }: { role: Role; counts: Record<string, number> }) {
  const { t, tx } = useI18n();
  const navigate = useNavigate();
  return (
    <section data-testid={`role-home-${role}`} style={{ marginBottom: 24 }}>
      <Space align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t(`home.${role}.title` as MessageKey)}
        </Typography.Title>
        <Tag color="blue">{tx(ROLE_LABELS[role])}</Tag>
      </Space>
      <Typography.Paragraph type="secondary">{t('home.shortcuts')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {ROLE_SHORTCUTS[role].map((path) => {
          const item = navItem(path);
          return (
            <Col key={path} xs={24} sm={12} lg={6}>
              <Card
                hoverable
                className="rd-shortcut"
                onClick={() => navigate(path)}
                data-testid={`shortcut-${role}-${path.replace('/app/', '')}`}
              >
                <Space align="start">
                  <Badge
                    count={counts[path]}
                    showZero={path === '/app/registrations'}
                    color={path === '/app/registrations' ? 'red' : 'blue'}
                    overflowCount={9999}
                    data-testid={`count-${path.replace('/app/', '')}`}
                  >
                    <span style={{ fontSize: 24, color: '#1657c4', paddingRight: 6 }}>{item.icon}</span>
                  </Badge>
                  <div>
                    <Typography.Text strong>{t(item.label)}</Typography.Text>
                    {item.hint && (
                      <div>
                        <Typography.Text type="secondary">{t(item.hint)}</Typography.Text>
                      </div>
                    )}
                  </div>
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
    </section>
  );
}

/** /app: one dashboard section per role the user holds. */
export function RoleHomePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const counts = useShortcutCounts(user?.roles ?? []);
  if (!user) return null;
  return (
    <div data-testid="role-home">
      <Typography.Paragraph style={{ fontSize: 16 }}>
        {t('home.welcome', { name: user.name })}
        {user.orgName ? ` · ${user.orgName}` : ''}
      </Typography.Paragraph>
      {user.roles.length === 0 ? (
        <Empty description={t('home.noRoles')} />
      ) : (
        user.roles.map((r) => <RoleSection key={r} role={r} counts={counts} />)
      )}
    </div>
  );
}
