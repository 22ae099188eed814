import { Card, Col, Empty, Row, Tag, Typography } from 'antd';
import { endpoints } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { useI18n } from '../i18n/I18nProvider';
import { LoadError } from './LoadError';
import { PageSpin } from './PageSpin';

/** The key industry chains as cards, with their leader enterprises. */
export function ChainList() {
  const { t, nameOf } = useI18n();
  const { data, error, loading, reload } = useApi(endpoints.chains, []);
  if (loading && !data) return <PageSpin />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  const chains = (data ?? []).filter((c) => c.active !== false);
  if (chains.length === 0) return <Empty description={t('common.empty')} />;
  return (
    <Row gutter={[16, 16]} data-testid="chain-list">
      {chains.map((c) => (
        <Col key={c.id} xs={24} sm={12} lg={8}>
          <Card size="small" hoverable style={{ height: '100%' }} data-testid={`chain-${c.code}`}>
            <Typography.Text type="secondary">{c.code}</Typography.Text>
            <Typography.Title level={5} style={{ marginTop: 4 }}>
              {nameOf(c)}
            </Typography.Title>
            <Typography.Text type="secondary">{t('chains.leaders')}：</Typography.Text>
            {c.leaders.length === 0 ? (
              <Typography.Text type="secondary">{t('chains.noLeaders')}</Typography.Text>
            ) : (
              c.leaders.map((l) => (
                <Tag key={l.orgId} color="blue" style={{ marginBottom: 4 }}>
                  {l.name}
                </Tag>
              ))
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
