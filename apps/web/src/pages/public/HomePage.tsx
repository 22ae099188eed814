import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { ClusterOutlined, FundOutlined, RocketOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { ChainList } from '../../components/ChainList';
import { PublicNoticeList } from '../notices/PublicNoticeList';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

const WAYS: { n: 1 | 2 | 3 | 4; icon: ReactNode }[] = [
  { n: 1, icon: <ClusterOutlined /> },
  { n: 2, icon: <SafetyCertificateOutlined /> },
  { n: 3, icon: <RocketOutlined /> },
  { n: 4, icon: <FundOutlined /> },
];

export function HomePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  return (
    <div data-testid="public-home">
      <div className="rd-hero">
        <Typography.Title>{t('home.heroTitle')}</Typography.Title>
        <p className="rd-hero-sub">{t('home.heroSubtitle')}</p>
        <Space>
          {user ? (
            <Link to="/app">
              <Button size="large" type="primary">
                {t('nav.workspace')}
              </Button>
            </Link>
          ) : (
            <>
              <Link to="/login">
                <Button size="large" type="primary">
                  {t('home.ctaLogin')}
                </Button>
              </Link>
              <Link to="/register">
                <Button size="large" ghost>
                  {t('home.ctaRegister')}
                </Button>
              </Link>
            </>
          )}
        </Space>
      </div>
      <div className="rd-section" data-testid="home-notices">
        <Typography.Title level={2}>{t('notices.homeTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('notices.homeIntro')}</Typography.Paragraph>
        <PublicNoticeList />
      </div>
      <div className="rd-section">
        <Typography.Title level={2}>{t('home.waysTitle')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {WAYS.map(({ n, icon }) => (
            <Col key={n} xs={24} md={12}>
              <Card style={{ height: '100%' }} data-testid={`way-${n}`}>
                <Space align="start" size="middle">
                  <div style={{ fontSize: 28, color: '#1657c4' }}>{icon}</div>
                  <div>
                    <Typography.Title level={4} style={{ marginTop: 0 }}>
                      {t(`home.way${n}.title` as MessageKey)}
                    </Typography.Title>
                    <Typography.Paragraph style={{ marginBottom: 0 }}>{t(`home.way${n}.body` as MessageKey)}</Typography.Paragraph>
                  </div>
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      </div>
      <div className="rd-section" style={{ paddingTop: 0 }}>
        <Typography.Title level={2}>{t('home.chainsTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.chainsIntro')}</Typography.Paragraph>
        <ChainList />
      </div>
    </div>
  );
}
