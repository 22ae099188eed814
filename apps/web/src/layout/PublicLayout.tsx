import { Button, Layout, Space } from 'antd';
import { Link, Outlet } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { Brand } from './Brand';
import { LangSwitch } from './LangSwitch';
import { UserMenu } from './UserMenu';

export function PublicLayout() {
  const { t } = useI18n();
  const { user } = useAuth();
  return (
    <Layout className="rd-root">
      <Layout.Header className="rd-header">
        <Brand />
        <Space size="middle" className="rd-header-right" wrap={false}>
          <Link to="/" className="rd-header-link">
            {t('nav.home')}
          </Link>
          <Link to="/calls" className="rd-header-link" data-testid="nav-calls">
            {t('nav.calls')}
          </Link>
          <Link to="/chains" className="rd-header-link">
            {t('nav.chains')}
          </Link>
          <LangSwitch dark />
          {user ? (
            <>
              <Link to="/app">
                <Button type="primary" data-testid="go-workspace">
                  {t('nav.workspace')}
                </Button>
              </Link>
              <UserMenu />
            </>
          ) : (
            <>
              <Link to="/register">
                <Button ghost data-testid="nav-register">
                  {t('nav.register')}
                </Button>
              </Link>
              <Link to="/login">
                <Button data-testid="nav-login">{t('nav.login')}</Button>
              </Link>
            </>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="rd-public-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="rd-footer">{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
