import { Suspense, useState } from 'react';
import { Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { Brand } from './Brand';
import { LangSwitch } from './LangSwitch';
import { UserMenu } from './UserMenu';
import { navFor } from './menu';
import { PageSpin } from '../components/PageSpin';

/** Signed-in shell: header with language switch and user menu, side menu for the user's roles. */
export function AppLayout() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = navFor(user?.roles ?? []);
  const selected =
    [...items]
      .sort((a, b) => b.path.length - a.path.length)
      .find((i) => location.pathname === i.path || location.pathname.startsWith(i.path + '/'))?.path ?? '/app';
  return (
    <Layout className="rd-root">
      <Layout.Header className="rd-header">
        <Brand to="/app" />
        <div className="rd-header-right">
          <LangSwitch dark />
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={220}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          className="rd-sider"
          data-testid="side-menu"
        >
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={items.map((i) => ({
              key: i.path,
              icon: i.icon,
              label: <span data-testid={`nav-${i.path.replace(/^\/app\/?/, '') || 'home'}`}>{t(i.label)}</span>,
            }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content className="rd-app-content">
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
